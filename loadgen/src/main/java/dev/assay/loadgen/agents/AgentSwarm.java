package dev.assay.loadgen.agents;

import dev.assay.agent.session.MarketplaceChannels;
import dev.assay.agent.session.SimulatedHost;
import dev.assay.loadgen.LoadPart;
import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.agents.SwarmEnrollment.EnrolledAgent;
import dev.assay.loadgen.report.LoadReport;
import dev.assay.reputation.sku.SkuCatalogue;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The agents' side of a load run: N SIMULATED agents enroll ({@link SwarmEnrollment}), each opens its own
 * mutual-TLS {@code Connect} stream on one small shared Netty event loop and is welcomed; from then on it heartbeats
 * at Welcome's interval, spread evenly ({@link HeartbeatPacer}), and each heartbeat sent in the measured window is
 * timed until its {@code HeartbeatAck}; optionally a few of them host pods that a renter creates end to end ({@link PodRounds}).
 *
 * <p>Operations: {@code enroll} (the Enroll call), {@code connect} (Hello sent, TLS included, until Welcome),
 * {@code heartbeat} (Heartbeat → HeartbeatAck; an ack that never comes and a stream that breaks are its errors),
 * and the pod rounds' own. Works the same against the marketplace and against the bare server.
 */
public final class AgentSwarm implements LoadPart {

    /** How long acks still on their way when the window closes may take before they count as never coming. */
    static final Duration ACK_GRACE = Duration.ofSeconds(5);
    private static final Duration WELCOME_WAIT = Duration.ofSeconds(120);
    /** The Netty threads every stream shares: the machine the swarm runs on has 2 cores. */
    private static final int EVENT_LOOP_THREADS = 2;

    private final SwarmOptions options;
    private final PodArrivals arrivals = new PodArrivals();
    private final MeasuredWindow window = new MeasuredWindow();
    private HeartbeatPacer pacer;
    private final List<SwarmAgent> agents = new ArrayList<>();
    private EventLoopGroup loop;
    private ExecutorService worker;
    private PodRounds podRounds;

    public AgentSwarm(SwarmOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "agents";
    }

    @Override
    public void prepare(LoadPlan plan, LoadReport report) throws Exception {
        if (options.podRounds() > 0 && plan.operatorKey().isEmpty()) {
            throw new IllegalArgumentException("--pod-rounds needs --operator-key (the renter's credit)");
        }
        MarketplaceRest rest = new MarketplaceRest(plan.api());
        X509Certificate ca = SwarmEnrollment.trustAnchor(options.bareCa(), rest);
        long enrollStarted = System.nanoTime();
        List<EnrolledAgent> enrolled = new SwarmEnrollment(plan, ca, options.bareCa().isPresent(),
                options.enrollParallelism(), rest).enrollAll(report);
        report.fact("enroll_seconds", seconds(System.nanoTime() - enrollStarted));
        try {
            connectAll(plan, enrolled, ca, report);
            if (options.podRounds() > 0) {
                List<SwarmAgent> hosts = agents.subList(0, Math.min(options.podHosts(), agents.size()));
                podRounds = new PodRounds(rest, List.copyOf(hosts), arrivals, options.podRounds());
                podRounds.prepare(plan.operatorKey().orElseThrow(), plan.seed(), worker);
                report.fact("pod_hosts", hosts.size());
            }
            hold();
        } catch (Exception | Error e) {
            release();
            throw e;
        }
    }

    /** Waits, connected and heartbeating unmeasured, so a script can measure memory per agent before the window. */
    private void hold() throws InterruptedException {
        if (options.holdSeconds() == 0) {
            return;
        }
        System.out.printf("assay-loadgen: agents: %d connected, holding %d s before the load (heartbeating)%n",
                agents.size(),
                options.holdSeconds());
        System.out.flush();
        Thread.sleep(Duration.ofSeconds(options.holdSeconds()));
    }

    private void connectAll(LoadPlan plan, List<EnrolledAgent> enrolled, X509Certificate ca, LoadReport report)
            throws InterruptedException {
        loop = new NioEventLoopGroup(EVENT_LOOP_THREADS);
        worker = Executors.newSingleThreadExecutor();
        pacer = new HeartbeatPacer(enrolled.size(), window, plan.maxOperations());
        SkuCatalogue catalogue = SkuCatalogue.bundled();
        // Bounded: 10 k TLS handshakes at once would time each other out and measure the pile-up.
        Semaphore handshakes = new Semaphore(options.connectParallelism());
        long started = System.nanoTime();
        List<SwarmAgent> connecting = new ArrayList<>(enrolled.size());
        for (EnrolledAgent agent : enrolled) {
            ManagedChannel channel = MarketplaceChannels.open(plan.grpcTarget(), agent.identity(), List.of(ca), loop);
            SimulatedHost host = SimulatedHost.parse(PodRounds.HOST_GPUS, catalogue, agent.identity().hostId(),
                    new SplittableRandom(plan.seed() * 31 + agent.index()));
            SwarmAgent swarmAgent = new SwarmAgent(agent, channel, host, report, arrivals, window);
            int place = connecting.size();
            connecting.add(swarmAgent);
            if (!handshakes.tryAcquire(WELCOME_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no Welcome came for " + options.connectParallelism()
                        + " streams in " + WELCOME_WAIT.toSeconds() + " s: is the marketplace answering?");
            }
            swarmAgent.welcome().whenComplete((welcome, failure) -> {
                handshakes.release();
                if (welcome != null) {
                    // From its Welcome on, like a real agent: silent past offline-after, it would be dropped.
                    pacer.add(swarmAgent, place, Duration.ofMillis(welcome.getHeartbeatIntervalMillis()));
                }
            });
            swarmAgent.connect();
        }
        long giveUp = System.nanoTime() + WELCOME_WAIT.toNanos();
        long intervalMillis = Long.MAX_VALUE;
        for (SwarmAgent agent : connecting) {
            try {
                var welcome = agent.welcome().get(Math.max(1, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
                agents.add(agent);
                intervalMillis = Math.min(intervalMillis, welcome.getHeartbeatIntervalMillis());
            } catch (java.util.concurrent.ExecutionException e) {
                agent.channel().shutdownNow(); // its failure is already a connect error
            } catch (java.util.concurrent.TimeoutException e) {
                report.operation("connect").failed(agent.hostId() + ": no Welcome within " + WELCOME_WAIT.toSeconds()
                        + " s");
                agent.channel().shutdownNow();
            }
        }
        if (agents.isEmpty()) {
            throw new IllegalStateException("no agent was welcomed: " + report.operation("connect").firstErrors());
        }
        report.fact("agents_connected", agents.size());
        report.fact("connect_seconds", seconds(System.nanoTime() - started));
        report.fact("heartbeat_interval_ms", intervalMillis);
    }

    @Override
    public void run(LoadPlan plan, LoadReport report, CountDownLatch go) throws Exception {
        try {
            go.await();
            window.open(System.nanoTime());
            Instant deadline = plan.deadline(Instant.now());
            Thread pods = podRounds == null ? null : Thread.ofVirtual().start(() -> {
                try {
                    podRounds.run(deadline, report);
                } catch (Exception e) {
                    report.operation("pod_create_e2e").failed("the pod rounds stopped: " + e);
                }
            });
            pacer.awaitWindow(plan.duration().toNanos());
            window.close(System.nanoTime());
            report.fact("heartbeats_sent", pacer.measured());
            awaitLastAcks(report);
            if (pods != null) {
                pods.join();
            }
        } finally {
            release();
        }
    }

    /** Acks still on their way get {@link #ACK_GRACE}; those that do not come then are errors. */
    private void awaitLastAcks(LoadReport report) throws InterruptedException {
        long giveUp = System.nanoTime() + ACK_GRACE.toNanos();
        while (System.nanoTime() < giveUp && agents.stream().anyMatch(a -> a.open() && a.waitingForAcks() > 0)) {
            Thread.sleep(20);
        }
        for (SwarmAgent agent : agents) {
            int waiting = agent.waitingForAcks();
            for (int i = 0; i < waiting && agent.open(); i++) {
                report.operation("heartbeat").failed("no HeartbeatAck for " + agent.hostId() + " within "
                        + ACK_GRACE.toSeconds() + " s after the window");
            }
        }
    }

    /** Closes every stream cleanly, then the channels and threads. */
    private void release() throws InterruptedException {
        if (pacer != null) {
            pacer.close();
        }
        agents.forEach(SwarmAgent::leave);
        for (SwarmAgent agent : agents) {
            agent.channel().shutdown();
        }
        for (SwarmAgent agent : agents) {
            if (!agent.channel().awaitTermination(5, TimeUnit.SECONDS)) {
                agent.channel().shutdownNow();
            }
        }
        agents.clear();
        if (worker != null) {
            worker.shutdownNow();
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
