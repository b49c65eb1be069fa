package dev.assay.agent.session;

import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.Heartbeat;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.Welcome;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Connect stream: Hello out, Welcome in, then heartbeats at the interval Welcome names while the
 * marketplace's commands are handed to the agent's parts. Ends when either side closes the stream or it fails;
 * {@link #ended()} completes then, and the agent reconnects with a new session.
 *
 * <p>gRPC allows one writer at a time on a stream: every message goes out through {@link #send}, which is
 * synchronized.
 */
final class AgentSession implements StreamObserver<MarketplaceMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    /**
     * Heartbeats sent since the last one the marketplace acknowledged before the agent gives the stream up as
     * half-open (the marketplace's side gone while TCP still looks up) and reconnects: about as long as the
     * marketplace waits before it marks a silent host OFFLINE, so the agent is back before its pods are lost.
     */
    static final int UNACKED_HEARTBEATS_TOLERATED = 3;

    private final SessionParts parts;
    private final ManagedChannel channel;
    private final CompletableFuture<Welcome> welcome = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicLong sequence = new AtomicLong();
    /** The highest heartbeat sequence acknowledged; -1 until the first ack (a marketplace from before acks sends none). */
    private final AtomicLong acked = new AtomicLong(-1);
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private ClientCallStreamObserver<AgentMessage> out;
    private boolean closed;
    /** The agent half-closed or cancelled its side: nothing more may be written. */
    private boolean outboundDone;

    AgentSession(SessionParts parts, ManagedChannel channel) {
        this.parts = parts;
        this.channel = channel;
    }

    /** Opens the stream and says Hello. */
    synchronized void open(Hello hello) {
        out = (ClientCallStreamObserver<AgentMessage>) AgentServiceGrpc.newStub(channel).connect(this);
        out.onNext(AgentMessage.newBuilder().setHello(hello).build()); // under the lock: nothing goes before Hello
    }

    CompletableFuture<Welcome> welcome() {
        return welcome;
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Starts the heartbeats and the hourly certificate check; called once Welcome has arrived. */
    synchronized void run(Welcome w) {
        long interval = Math.max(w.getHeartbeatIntervalMillis(), parts.timing().minHeartbeatInterval().toMillis());
        timers.add(parts.scheduler().scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS));
        long check = parts.timing().renewalCheck().toMillis();
        timers.add(parts.scheduler().scheduleAtFixedRate(this::checkCertificate, 0, check, TimeUnit.MILLISECONDS));
        if (w.getBenchmarkRequested()) {
            parts.benchmarks().request("", List.of());
        }
    }

    /** Sends one message unless the stream is closed; false if it was not sent. */
    synchronized boolean send(AgentMessage message) {
        if (closed || outboundDone || out == null) {
            return false;
        }
        try {
            out.onNext(message);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("event=send_failed kind={} reason=\"{}\"", message.getBodyCase(), e.getMessage());
            return false;
        }
    }

    /** The agent leaves: half-closes the stream (the marketplace sees a clean end), pods keep running. */
    void close() {
        synchronized (this) {
            if (!closed && !outboundDone && out != null) {
                outboundDone = true;
                try {
                    out.onCompleted();
                } catch (RuntimeException e) {
                    // the stream had already failed; nothing left to close
                }
            }
        }
        end("agent closed the stream");
    }

    /** Gives up on a stream: one that never got its Welcome, or one whose heartbeats stopped being acknowledged. */
    void abandon(String why) {
        synchronized (this) {
            if (!closed && !outboundDone && out != null) {
                outboundDone = true;
                out.cancel(why, null);
            }
        }
        end(why);
    }

    @Override
    public void onNext(MarketplaceMessage message) {
        switch (message.getBodyCase()) {
            case WELCOME -> {
                Welcome w = message.getWelcome();
                LOG.info("event=welcomed session={} host={} heartbeat_interval_ms={} benchmark_requested={}",
                        w.getSessionId(), w.getHostId(), w.getHeartbeatIntervalMillis(), w.getBenchmarkRequested());
                welcome.complete(w);
            }
            case START_POD -> parts.pods().start(message.getStartPod());
            case STOP_POD -> parts.pods().stop(message.getStopPod());
            case RUN_BENCHMARK -> parts.benchmarks().request(message.getRunBenchmark().getRequestId(),
                    message.getRunBenchmark().getGpuIndicesList());
            case CHALLENGE -> parts.challenges().challenge(message.getChallenge());
            case CHALLENGE_ROWS_REQUEST -> parts.challenges().rows(message.getChallengeRowsRequest());
            case CERTIFICATE_ISSUED -> parts.renewer().issued(message.getCertificateIssued());
            // The marketplace handled a heartbeat: the stream works both ways (see heartbeat()).
            case HEARTBEAT_ACK -> acked.accumulateAndGet(message.getHeartbeatAck().getSequence(), Math::max);
            case DRAIN -> LOG.info("event=drain reason=\"{}\"", message.getDrain().getReason());
            case BODY_NOT_SET -> LOG.debug("event=empty_message");
        }
    }

    @Override
    public void onError(Throwable t) {
        end("stream failed: " + Status.fromThrowable(t).getCode() + " " + t.getMessage());
    }

    @Override
    public void onCompleted() {
        end("the marketplace closed the stream");
    }

    private void heartbeat() {
        long lastAcked = acked.get();
        long unacked = sequence.get() - 1 - lastAcked;
        if (lastAcked >= 0 && unacked >= UNACKED_HEARTBEATS_TOLERATED) {
            // Only once the marketplace has shown it acks: silence from one that never did means nothing.
            LOG.warn("event=heartbeats_unacknowledged unacked={} last_acked={}", unacked, lastAcked);
            abandon(unacked + " heartbeats not acknowledged: the stream is half-open");
            return;
        }
        try {
            send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                    .setSequence(sequence.getAndIncrement())
                    .setObservedAt(BenchmarkReports.timestamp(parts.clock().instant()))
                    .addAllGpus(parts.host().telemetry())
                    .addAllPods(parts.pods().poll())).build());
        } catch (RuntimeException e) {
            // a failing probe or runtime must not cancel the schedule (a thrown exception would)
            LOG.warn("event=heartbeat_failed reason=\"{}\"", e.toString());
        }
    }

    private void checkCertificate() {
        try {
            parts.renewer().renewalIfDue().ifPresent(this::send);
        } catch (RuntimeException e) {
            LOG.warn("event=certificate_check_failed reason=\"{}\"", e.toString());
        }
    }

    private void end(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            timers.forEach(t -> t.cancel(false));
        }
        LOG.info("event=session_ended reason=\"{}\"", why);
        welcome.completeExceptionally(new IllegalStateException(why));
        ended.complete(null);
    }
}
