package dev.assay.agent.session;

import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.runtime.ContainerRuntime;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.Welcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider agent's life on the market: connect, say Hello, heartbeat, run pods, answer benchmarks and
 * challenges; when the stream ends, connect again, for as long as the agent runs.
 *
 * <p>Reconnects go through a Resilience4j {@link Retry} (exponential backoff from 1 s to 60 s with random jitter,
 * unlimited attempts while running) around a {@link CircuitBreaker} over connection attempts (open after 5
 * consecutive failures, half-open after 30 s), so a marketplace that is down is not hammered by its whole fleet
 * at once. A connection attempt succeeds when Welcome arrives. Pods live in the runtime and the
 * {@link PodStateFile}, not in a stream: they keep running across reconnects and the next Hello lists them.
 */
public final class ProviderAgent {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderAgent.class);

    /** The marketplace instances to dial, in turn: a dropped stream or failed attempt moves to the next. */
    private final List<String> targets;
    private int attempts;
    private final AgentHost host;
    private final ContainerRuntime runtime;
    private final String agentVersion;
    private final SessionTiming timing;
    private final Clock clock;
    private final SessionOutbox outbox = new SessionOutbox();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("agent-timer").daemon().factory());
    private final ExecutorService podWorkers = Executors.newFixedThreadPool(4,
            Thread.ofPlatform().name("agent-pods-", 0).daemon().factory());
    private final ExecutorService benchWorker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("agent-bench").daemon().factory());
    private final ExecutorService challengeWorker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("agent-challenge").daemon().factory());
    private final SessionParts parts;
    private final Retry retry;
    private final CircuitBreaker breaker;

    private volatile boolean running = true;
    private volatile Thread loop;
    private volatile AgentSession session;

    /** An agent with production timing. */
    public ProviderAgent(String target, AgentIdentity identity, Path identityDir, PodStateFile state, AgentHost host,
            ContainerRuntime runtime, String agentVersion) {
        this(target, identity, identityDir, state, host, runtime, agentVersion, SessionTiming.defaults(),
                Clock.systemUTC());
    }

    ProviderAgent(String target, AgentIdentity identity, Path identityDir, PodStateFile state, AgentHost host,
            ContainerRuntime runtime, String agentVersion, SessionTiming timing, Clock clock) {
        this.targets = Arrays.stream(target.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no marketplace address in \"" + target + "\"");
        }
        this.host = host;
        this.runtime = runtime;
        this.agentVersion = agentVersion;
        this.timing = timing;
        this.clock = clock;
        CertificateRenewer renewer = new CertificateRenewer(identity, identityDir, clock);
        this.parts = new SessionParts(host,
                new PodSupervisor(runtime, state, podWorkers, outbox::send, clock),
                new ChallengeResponder(challengeWorker, outbox::send),
                renewer,
                new Benchmarks(new BenchmarkReports(host, clock), renewer::identity, benchWorker, outbox),
                scheduler, clock, timing);
        this.retry = Retry.of("marketplace-connect", RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(timing.initialBackoff(), 2.0, 0.5,
                        timing.maxBackoff()))
                .retryOnException(e -> running)
                .build());
        this.breaker = CircuitBreaker.of("marketplace-connect", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(100) // 5 failures out of the last 5: five in a row
                .waitDurationInOpenState(timing.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(Exception.class)
                .build());
        retry.getEventPublisher().onRetry(e -> LOG.info("event=reconnect_wait attempt={} wait_ms={} reason=\"{}\"",
                e.getNumberOfRetryAttempts(), e.getWaitInterval().toMillis(), String.valueOf(e.getLastThrowable())));
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("event=connect_breaker transition={}",
                e.getStateTransition()));
    }

    /** Runs until {@link #stop()}: restarts the pods the state file says were running, then keeps a session open. */
    public void run() {
        loop = Thread.currentThread();
        LOG.info("event=agent_started marketplace={} simulated={}{} runtime=\"{}\"", targets, host.simulated(),
                host.simulated() ? " SIMULATED GPUs" : "", runtime.describe());
        parts.pods().resumeAfterRestart();
        try {
            while (running) {
                AgentSession current;
                try {
                    current = retry.executeCallable(breaker.decorateCallable(this::connect));
                } catch (Exception e) {
                    if (running) {
                        LOG.warn("event=connect_gave_up reason=\"{}\"", e.toString());
                    }
                    continue;
                }
                current.ended().join();
                outbox.detach(current);
                if (running) {
                    // A marketplace that welcomes and drops at once must not be redialled in a tight loop.
                    Thread.sleep(timing.initialBackoff());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdownWorkers();
            LOG.info("event=agent_stopped pods_left_running=true");
        }
    }

    /** Ends the session cleanly (the stream is half-closed) and stops reconnecting. Pods keep running. */
    public void stop() {
        running = false;
        AgentSession current = session;
        if (current != null) {
            current.close();
        }
        Thread thread = loop;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    /** The breaker over connection attempts, for tests and diagnostics. */
    CircuitBreaker.State connectBreakerState() {
        return breaker.getState();
    }

    /** One connection attempt: it succeeds when the marketplace answers Hello with Welcome in time. */
    private AgentSession connect() throws Exception {
        if (!running) {
            throw new IllegalStateException("the agent is stopping");
        }
        // Each attempt dials the next instance: with one of them gone, the next attempt (a backoff later) reaches
        // another, and the fleet of a lost instance spreads over the rest.
        String target = targets.get(Math.floorMod(attempts++, targets.size()));
        LOG.info("event=connecting marketplace={}", target);
        ManagedChannel channel = MarketplaceChannels.open(target, parts.renewer().identity());
        AgentSession next = new AgentSession(parts, channel);
        next.ended().whenComplete((v, e) -> closeChannel(channel));
        // Attached before Hello goes out: a StartPod right behind Welcome must find the stream for its events.
        outbox.attach(next);
        next.open(hello());
        Welcome welcome;
        try {
            welcome = next.welcome().get(timing.welcomeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(next, "no Welcome within " + timing.welcomeTimeout());
            throw e;
        } catch (ExecutionException e) {
            abandon(next, "no Welcome");
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            abandon(next, "agent stopping");
            throw e;
        }
        session = next;
        next.run(welcome);
        if (!running) {
            next.close();
        }
        return next;
    }

    private void abandon(AgentSession attempt, String why) {
        outbox.detach(attempt);
        attempt.abandon(why);
    }

    private Hello hello() {
        return Hello.newBuilder()
                .setAgentVersion(agentVersion)
                .setHost(HostFactsReader.read(host, runtime.describe()))
                .addAllGpus(host.gpus())
                .setSimulated(host.simulated())
                .addAllRunningPods(parts.pods().livePods())
                .build();
    }

    /** Lets the half-close reach the marketplace before the connection goes. */
    private static void closeChannel(ManagedChannel channel) {
        channel.shutdown();
        Thread.ofVirtual().start(() -> {
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
            }
        });
    }

    private void shutdownWorkers() {
        scheduler.shutdownNow();
        benchWorker.shutdownNow();
        challengeWorker.shutdownNow();
        podWorkers.shutdown(); // a pod start under way finishes and is recorded
    }
}
