package dev.assay.loadgen.agents;

import com.google.protobuf.Timestamp;
import dev.assay.agent.session.SimulatedHost;
import dev.assay.loadgen.agents.SwarmEnrollment.EnrolledAgent;
import dev.assay.loadgen.report.LoadReport;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.Disk;
import dev.assay.proto.agent.v1.GpuTelemetry;
import dev.assay.proto.agent.v1.Heartbeat;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.HostFacts;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.PodEvent;
import dev.assay.proto.agent.v1.PodState;
import dev.assay.proto.agent.v1.Welcome;
import dev.assay.proto.signing.ReportSignature;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One SIMULATED agent of the swarm on its own mutual-TLS {@code Connect} stream: Hello (simulated, the inventory of
 * a {@link SimulatedHost}) → Welcome, then a heartbeat whenever the pacer says, each timed until its
 * {@code HeartbeatAck} when it was sent inside the measured window. As a pod host it also reports a signed SIMULATED benchmark, answers challenges, and plays
 * its pods' states like a real agent: STARTING and RUNNING on StartPod, STOPPED on StopPod (no container runs).
 *
 * <p>gRPC allows one writer at a time on a stream, so every write goes through {@link #send} (synchronized); reads
 * arrive on the shared event loop and must stay short.
 */
final class SwarmAgent implements StreamObserver<MarketplaceMessage> {

    /** Heartbeats that may wait for their acks at once; a fifth displaces the first, whose ack never came. */
    static final int ACK_SLOTS = 4;

    final EnrolledAgent enrolled;
    private final ManagedChannel channel;
    private final SimulatedHost host;
    private final LoadReport report;
    private final PodArrivals pods;
    private final MeasuredWindow window;
    private final PendingAcks acks = new PendingAcks(ACK_SLOTS);
    private final CompletableFuture<Welcome> welcome = new CompletableFuture<>();
    private final List<GpuTelemetry> telemetry;
    private volatile ChallengeAnswers challenges;
    private ClientCallStreamObserver<AgentMessage> out;
    private long helloSentNanos;
    /** Written by the pacer's one thread only. */
    private long sequence;
    private volatile boolean open = true;
    private volatile boolean leaving;

    SwarmAgent(EnrolledAgent enrolled, ManagedChannel channel, SimulatedHost host, LoadReport report,
            PodArrivals pods, MeasuredWindow window) {
        this.window = window;
        this.enrolled = enrolled;
        this.channel = channel;
        this.host = host;
        this.report = report;
        this.pods = pods;
        // Readings are made up once: the swarm measures the marketplace, not how fast it can invent numbers.
        this.telemetry = host.telemetry();
    }

    String hostId() {
        return enrolled.identity().hostId();
    }

    ManagedChannel channel() {
        return channel;
    }

    CompletableFuture<Welcome> welcome() {
        return welcome;
    }

    boolean open() {
        return open;
    }

    /** Opens the stream and says Hello; {@link #welcome()} completes when the marketplace answers. */
    void connect() {
        Hello hello = Hello.newBuilder().setAgentVersion("assay-loadgen").setSimulated(true)
                .setHost(HostFacts.newBuilder().setHostname("loadgen-" + enrolled.index()).setOs("SIMULATED")
                        .setCpuCores(16).setRamMib(64 * 1024)
                        .addDisks(Disk.newBuilder().setMountPoint("/var/lib/assay").setTotalMib(1024 * 1024)
                                .setFreeMib(1024 * 1024).setKind("nvme"))
                        .setDriverVersion(host.driverVersion())
                        .setCudaDriverVersion(host.cudaDriverVersion()).setContainerRuntime("none (SIMULATED)"))
                .addAllGpus(host.gpus()).build();
        synchronized (this) {
            out = (ClientCallStreamObserver<AgentMessage>) AgentServiceGrpc.newStub(channel).connect(this);
            helloSentNanos = System.nanoTime();
            out.onNext(AgentMessage.newBuilder().setHello(hello).build());
        }
    }

    /** Makes this agent a pod host: it answers challenges from now on, and reports its signed SIMULATED figures. */
    void becomePodHost(java.util.concurrent.Executor worker) {
        challenges = new ChallengeAnswers(worker, this::send);
        Instant now = Instant.now();
        BenchmarkReport report = BenchmarkReport.newBuilder().setSuiteVersion(host.suiteVersion())
                .addAllGpus(host.benchmark(List.of())).setSimulated(true).setHostId(hostId())
                .setStartedAt(timestamp(now)).setFinishedAt(timestamp(now)).build();
        send(AgentMessage.newBuilder()
                .setBenchmarkReport(ReportSignature.sign(report, enrolled.identity().key())).build());
    }

    /**
     * Sends the next heartbeat; called by the pacer's one thread. A measured heartbeat displaced while still waiting
     * for its ack counts as failed.
     */
    void heartbeat() {
        if (!open) {
            return;
        }
        long seq = sequence++;
        AgentMessage beat = AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(seq)
                .setObservedAt(timestamp(Instant.now())).addAllGpus(telemetry)).build();
        acks.sent(seq, System.nanoTime()).ifPresent(displacedSent -> {
            if (window.covers(displacedSent)) {
                report.operation("heartbeat").failed("no HeartbeatAck for heartbeat " + (seq - ACK_SLOTS) + " of "
                        + hostId() + " before " + ACK_SLOTS + " more were sent");
            }
        });
        send(beat);
    }

    /** Measured heartbeats still waiting for their acks. */
    int waitingForAcks() {
        return acks.waiting(window::covers);
    }

    /** Leaves: half-closes the stream, so the marketplace sees a clean end. */
    void leave() {
        leaving = true;
        synchronized (this) {
            if (open && out != null) {
                try {
                    out.onCompleted();
                } catch (RuntimeException e) {
                    // already failed: nothing left to close
                }
            }
            open = false; // nothing may be written after the half-close
        }
    }

    private synchronized void send(AgentMessage message) {
        if (!open || out == null) {
            return;
        }
        try {
            out.onNext(message);
        } catch (RuntimeException e) {
            report.operation("heartbeat").failed("send failed for " + hostId() + ": " + e);
        }
    }

    @Override
    public void onNext(MarketplaceMessage message) {
        long arrived = System.nanoTime();
        switch (message.getBodyCase()) {
            case WELCOME -> {
                report.operation("connect").succeeded(arrived - helloSentNanos);
                welcome.complete(message.getWelcome());
            }
            case HEARTBEAT_ACK -> {
                acks.acked(message.getHeartbeatAck().getSequence()).ifPresent(sent -> {
                    if (window.covers(sent)) {
                        report.operation("heartbeat").succeeded(arrived - sent);
                    }
                });
            }
            case START_POD -> {
                String pod = message.getStartPod().getPodId();
                pods.startPodReceived(pod, arrived);
                podEvent(pod, PodState.POD_STATE_STARTING);
                podEvent(pod, PodState.POD_STATE_RUNNING);
            }
            case STOP_POD -> {
                String pod = message.getStopPod().getPodId();
                podEvent(pod, message.getStopPod().getTerminate() ? PodState.POD_STATE_TERMINATED
                        : PodState.POD_STATE_STOPPED);
                pods.stopReported(pod, System.nanoTime());
            }
            case CHALLENGE -> {
                ChallengeAnswers answers = challenges;
                if (answers != null) {
                    answers.challenge(message.getChallenge());
                }
            }
            case CHALLENGE_ROWS_REQUEST -> {
                ChallengeAnswers answers = challenges;
                if (answers != null) {
                    answers.rows(message.getChallengeRowsRequest());
                }
            }
            default -> {
                // Drain, RunBenchmark, CertificateIssued: a swarm agent has nothing to do with them in a load run.
            }
        }
    }

    private void podEvent(String podId, PodState state) {
        send(AgentMessage.newBuilder().setPodEvent(PodEvent.newBuilder().setPodId(podId).setState(state)
                .setMessage("SIMULATED by assay-loadgen").setOccurredAt(timestamp(Instant.now()))).build());
    }

    @Override
    public void onError(Throwable t) {
        ended("stream failed: " + Status.fromThrowable(t).getCode() + " " + Status.fromThrowable(t).getDescription());
    }

    @Override
    public void onCompleted() {
        ended("the marketplace closed the stream");
    }

    private void ended(String why) {
        open = false;
        if (!welcome.isDone()) {
            report.operation("connect").failed(hostId() + ": " + why);
            welcome.completeExceptionally(new IllegalStateException(why));
        } else if (!leaving) {
            report.operation("heartbeat").failed(hostId() + ": " + why);
        }
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
