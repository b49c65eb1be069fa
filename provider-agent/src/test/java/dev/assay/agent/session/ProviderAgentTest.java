package dev.assay.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.assay.agent.bench.host.HostBenchOptions;
import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.probe.GpuInventory;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.CertificateIssued;
import dev.assay.proto.agent.v1.Challenge;
import dev.assay.proto.agent.v1.ChallengeResponse;
import dev.assay.proto.agent.v1.ChallengeRowsRequest;
import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.Measurement;
import dev.assay.proto.agent.v1.PodEvent;
import dev.assay.proto.agent.v1.PodState;
import dev.assay.proto.agent.v1.PodStatus;
import dev.assay.proto.agent.v1.PortRequest;
import dev.assay.proto.agent.v1.RunBenchmark;
import dev.assay.proto.agent.v1.StartPod;
import dev.assay.proto.agent.v1.StopPod;
import dev.assay.proto.signing.ChallengeSeed;
import dev.assay.proto.signing.ReportSignature;
import dev.assay.reputation.challenge.ChallengeAnswer;
import dev.assay.reputation.challenge.ChallengeOutcome;
import dev.assay.reputation.challenge.ChallengeSpec;
import dev.assay.reputation.challenge.ChallengeVerifier;
import dev.assay.reputation.challenge.Digest;
import dev.assay.reputation.challenge.RowOpening;
import dev.assay.reputation.challenge.RowSample;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's session against a real mutual-TLS gRPC marketplace in this JVM. */
class ProviderAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SessionTiming FAST = new SessionTiming(Duration.ofSeconds(5), Duration.ofMillis(50),
            Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofHours(1), Duration.ofMillis(20));
    private static final GpuSku RTX_4090 = SkuCatalogue.bundled().find("RTX_4090").orElseThrow();

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final List<Running> agents = new ArrayList<>();
    private FakeMarketplace market;

    @BeforeEach
    void startMarketplace() throws Exception {
        market = new FakeMarketplace(pki);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Running agent : agents) {
            agent.stop();
        }
        market.close();
    }

    @Test
    void saysSimulatedHelloThenHeartbeatsWithIncreasingSequence() throws Exception {
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"));

        Hello hello = market.await(AgentMessage::hasHello, WAIT).getHello();
        List<AgentMessage> beats = market.awaitAll(AgentMessage::hasHeartbeat, 3, WAIT);

        assertThat(hello.getSimulated()).isTrue();
        assertThat(hello.getGpusList()).hasSize(4).allSatisfy(gpu -> {
            assertThat(gpu.getName()).isEqualTo(RTX_4090.nvmlName());
            assertThat(gpu.getMemoryTotalMib()).isEqualTo(RTX_4090.memoryMib());
        });
        assertThat(hello.getGpus(2).getUuid()).isEqualTo("GPU-SIMULATED-hst_test-2");
        assertThat(hello.getHost().getContainerRuntime()).isEqualTo("in-memory test runtime");
        assertThat(beats.subList(0, 3)).extracting(m -> m.getHeartbeat().getSequence()).containsExactly(0L, 1L, 2L);
        assertThat(beats.getFirst().getHeartbeat().getGpusList()).hasSize(4)
                .allSatisfy(t -> assertThat(t.getTemperatureCelsius()).isBetween(20, 90));
        assertThat(market.received.indexOf(market.received.stream().filter(AgentMessage::hasHello).findFirst()
                .orElseThrow())).isZero();
    }

    @Test
    void simulatedReportIsSignedNamesTheHostAndAnswersItsRequest() throws Exception {
        market.benchmarkRequested = true;
        AgentIdentity identity = pki.identity("hst_test");
        start(identity, new InMemoryRuntime(), dir.resolve("state"));

        BenchmarkReport first = market.await(AgentMessage::hasBenchmarkReport, WAIT).getBenchmarkReport();
        market.send(MarketplaceMessage.newBuilder().setRunBenchmark(RunBenchmark.newBuilder().setRequestId("rq-7"))
                .build());
        BenchmarkReport asked = market.await(m -> m.hasBenchmarkReport()
                && m.getBenchmarkReport().getRequestId().equals("rq-7"), WAIT).getBenchmarkReport();

        assertThat(first.getSimulated()).isTrue();
        assertThat(first.getHostId()).isEqualTo("hst_test");
        assertThat(first.getSuiteVersion()).contains("SIMULATED");
        assertThat(ReportSignature.verifies(first, identity.chain().getFirst().getPublicKey())).isTrue();
        assertThat(ReportSignature.verifies(first.toBuilder().setHostId("hst_other").build(),
                identity.chain().getFirst().getPublicKey())).isFalse();
        assertThat(first.getGpusList()).hasSize(4);
        assertThat(first.hasHost()).as("no host figures: nothing simulated may look measured").isFalse();
        double baseline = RTX_4090.expectedBaseline().figures().tensorTflops();
        for (GpuBenchmark gpu : first.getGpusList()) {
            assertThat(gpu.getFiguresList()).extracting(Measurement::getName).contains("tensor_bf16_tflops",
                    "fp32_tflops", "memory_bandwidth_gbps", "host_to_device_gbps", "device_to_host_gbps");
            assertThat(figure(gpu, "tensor_bf16_tflops").getValue()).isBetween(baseline * 0.969, baseline * 1.031);
            assertThat(figure(gpu, "tensor_bf16_tflops").getUnit()).isEqualTo("TFLOP/s");
        }
        assertThat(ReportSignature.verifies(asked, identity.chain().getFirst().getPublicKey())).isTrue();
    }

    @Test
    void realHostReportCarriesMeasuredHostFigures() throws Exception {
        market.benchmarkRequested = true;
        AgentIdentity identity = pki.identity("hst_test");
        Path disk = java.nio.file.Files.createDirectories(dir.resolve("disk"));
        RealHost host = new RealHost(GpuInventory.none("no GPU in this test"),
                () -> GpuInventory.none("no GPU in this test"), "test", HostBenchOptions.quick(disk));
        Path identityDir = dir.resolve("identity-real");
        identity.saveTo(identityDir);
        start(identity, identityDir, new InMemoryRuntime(), dir.resolve("state"), host);

        BenchmarkReport report = market.await(AgentMessage::hasBenchmarkReport, WAIT).getBenchmarkReport();

        assertThat(report.getSimulated()).isFalse();
        assertThat(report.getSuiteVersion()).contains("assay-hostbench/1").doesNotContain("SIMULATED");
        assertThat(report.getGpusList()).isEmpty();
        assertThat(report.getHost().getFiguresList()).extracting(Measurement::getName).containsExactlyInAnyOrder(
                "cpu_single_core_score", "cpu_multi_core_score", "ram_bandwidth_gbps", "disk_read_mbps",
                "disk_write_mbps");
        assertThat(report.getHost().getFiguresList()).allSatisfy(m -> {
            assertThat(m.getValue()).as(m.getName()).isPositive();
            assertThat(m.getUnit()).as(m.getName()).isIn("score", "GB/s", "MB/s");
            assertThat(m.getSamples()).as(m.getName()).isGreaterThanOrEqualTo(3);
        });
        assertThat(ReportSignature.verifies(report, identity.chain().getFirst().getPublicKey())).isTrue();
    }

    @Test
    void startPodTwiceStartsOnceAndAnswersRunningWithPorts() throws Exception {
        InMemoryRuntime runtime = new InMemoryRuntime();
        start(pki.identity("hst_test"), runtime, dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);

        market.send(startPod("pod-1"));
        market.send(startPod("pod-1"));
        PodEvent running = market.await(event("pod-1", PodState.POD_STATE_RUNNING), WAIT).getPodEvent();
        market.send(startPod("pod-1"));
        market.awaitAll(event("pod-1", PodState.POD_STATE_RUNNING), 2, WAIT);

        assertThat(runtime.starts).hasValue(1);
        assertThat(market.received.stream().filter(event("pod-1", PodState.POD_STATE_STARTING)).count())
                .isEqualTo(1);
        assertThat(running.getPortsList()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(8888);
            assertThat(p.getHostPort()).isEqualTo(38888);
        });
        assertThat(running.hasOccurredAt()).isTrue();
        assertThat(PodStateFile.openIn(dir.resolve("state")).get("pod-1")).get()
                .extracting(KnownPod::state).isEqualTo(PodState.POD_STATE_RUNNING);
    }

    @Test
    void stopPodAnswersStoppedAndAnUnknownPodIsAlreadyStopped() throws Exception {
        InMemoryRuntime runtime = new InMemoryRuntime();
        start(pki.identity("hst_test"), runtime, dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);
        market.send(startPod("pod-1"));
        market.await(event("pod-1", PodState.POD_STATE_RUNNING), WAIT);

        market.send(stopPod("pod-1"));
        market.send(stopPod("pod-unknown"));
        market.await(event("pod-1", PodState.POD_STATE_STOPPED), WAIT);
        market.await(event("pod-unknown", PodState.POD_STATE_STOPPED), WAIT);

        assertThat(market.received.stream().filter(event("pod-1", PodState.POD_STATE_STOPPING)).count()).isEqualTo(1);
        assertThat(runtime.stops).hasValue(1);
        assertThat(runtime.running()).isEmpty();
    }

    @Test
    void aContainerThatExitsByItselfIsReportedExitedWithItsCode() throws Exception {
        InMemoryRuntime runtime = new InMemoryRuntime();
        start(pki.identity("hst_test"), runtime, dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);
        market.send(startPod("pod-1"));
        market.await(event("pod-1", PodState.POD_STATE_RUNNING), WAIT);

        runtime.exit("pod-1", 3);
        PodEvent exited = market.await(event("pod-1", PodState.POD_STATE_EXITED), WAIT).getPodEvent();
        AgentMessage laterBeat = market.await(m -> m.hasHeartbeat() && m.getHeartbeat().getPodsList().contains(
                PodStatus.newBuilder().setPodId("pod-1").setState(PodState.POD_STATE_EXITED).build()), WAIT);

        assertThat(exited.getExitCode()).isEqualTo(3);
        assertThat(exited.getHostCaused()).isFalse();
        assertThat(laterBeat).isNotNull();
        assertThat(market.received.stream().filter(event("pod-1", PodState.POD_STATE_EXITED)).count()).isEqualTo(1);
    }

    @Test
    void aPodTheRuntimeCannotStartIsFailedNotHostCaused() throws Exception {
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);

        market.send(MarketplaceMessage.newBuilder().setStartPod(StartPod.newBuilder().setPodId("pod-x")
                .setImage("missing/image:1")).build());
        PodEvent failed = market.await(event("pod-x", PodState.POD_STATE_FAILED), WAIT).getPodEvent();

        assertThat(failed.getMessage()).contains("image not found");
        assertThat(failed.getHostCaused()).isFalse();
    }

    @Test
    void challengeCommitmentAndOpeningPassTheVerifier() throws Exception {
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);
        ChallengeSpec spec = new ChallengeSpec(0x5EED_1234L, 64, 4);

        long sent = System.nanoTime();
        market.send(MarketplaceMessage.newBuilder().setChallenge(Challenge.newBuilder().setChallengeId("ch-1")
                .setSeed(ChallengeSeed.toBytes(spec.seed())).setN(spec.n()).setGpuIndex(1)).build());
        ChallengeResponse commitment = market.await(m -> m.hasChallengeResponse()
                && m.getChallengeResponse().hasCommitment(), WAIT).getChallengeResponse();
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - sent);
        RowSample sample = RowSample.draw(42, spec);
        market.send(MarketplaceMessage.newBuilder().setChallengeRowsRequest(ChallengeRowsRequest.newBuilder()
                .setChallengeId("ch-1").addAllRows(sample.rows())).build());
        ChallengeResponse opening = market.await(m -> m.hasChallengeResponse()
                && m.getChallengeResponse().hasOpening(), WAIT).getChallengeResponse();

        List<RowOpening> rows = opening.getOpening().getRowsList().stream().map(r -> new RowOpening(r.getRow(),
                r.getValuesList().stream().mapToInt(Integer::intValue).toArray(),
                r.getProofList().stream().map(ByteString::toByteArray).map(Digest::of).toList())).toList();
        ChallengeAnswer answer = new ChallengeAnswer(Digest.of(commitment.getCommitment().getMerkleRoot().toByteArray()),
                Duration.ofNanos(commitment.getCommitment().getElapsedMicros() * 1_000));
        ChallengeOutcome outcome = ChallengeVerifier.withDefaults().verify(spec, RTX_4090, answer, sample, rows,
                roundTrip);

        assertThat(commitment.getChallengeId()).isEqualTo("ch-1");
        assertThat(commitment.getCommitment().getGpuIndex()).isEqualTo(1);
        assertThat(outcome).isInstanceOf(ChallengeOutcome.Passed.class);
    }

    @Test
    void aChallengeTooLargeForTheCpuSolverIsAnsweredWithAFailure() throws Exception {
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);

        market.send(MarketplaceMessage.newBuilder().setChallenge(Challenge.newBuilder().setChallengeId("ch-big")
                .setSeed(ChallengeSeed.toBytes(7)).setN(4096)).build());

        assertThat(market.await(AgentMessage::hasChallengeResponse, WAIT).getChallengeResponse().getFailure())
                .isEqualTo("n too large for this agent's solver");
    }

    @Test
    void reconnectsAfterTheStreamFailsAndTheNewHelloListsTheRunningPod() throws Exception {
        InMemoryRuntime runtime = new InMemoryRuntime();
        start(pki.identity("hst_test"), runtime, dir.resolve("state"));
        market.await(AgentMessage::hasHello, WAIT);
        market.send(startPod("pod-1"));
        market.await(event("pod-1", PodState.POD_STATE_RUNNING), WAIT);

        market.failStream();
        Hello again = market.awaitAll(AgentMessage::hasHello, 2, WAIT).get(1).getHello();
        int before = market.received.indexOf(market.awaitAll(AgentMessage::hasHello, 2, WAIT).get(1));
        List<AgentMessage> beats = market.awaitAll(m -> m.hasHeartbeat()
                && market.received.indexOf(m) > before, 2, WAIT);

        assertThat(again.getRunningPodsList()).containsExactly(
                PodStatus.newBuilder().setPodId("pod-1").setState(PodState.POD_STATE_RUNNING).build());
        assertThat(runtime.running()).containsExactly("pod-1");
        assertThat(runtime.starts).hasValue(1);
        assertThat(beats.getFirst().getHeartbeat().getSequence()).isZero(); // a new session counts afresh
    }

    @Test
    void aStreamWhoseHeartbeatsStopBeingAcknowledgedIsGivenUpAndTheAgentReconnects() throws Exception {
        market.ackHeartbeats = true;
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"));
        market.awaitAll(AgentMessage::hasHeartbeat, 3, WAIT);

        market.ackHeartbeats = false; // the marketplace's side is gone; the stream still looks open
        market.awaitAll(AgentMessage::hasHello, 2, WAIT);

        // Messages are values (two Hellos may be equal), so the first session is counted by position.
        long firstSession = 0;
        int hellos = 0;
        for (AgentMessage m : List.copyOf(market.received)) {
            hellos += m.hasHello() ? 1 : 0;
            if (hellos == 2) {
                break;
            }
            firstSession += m.hasHeartbeat() ? 1 : 0;
        }
        assertThat(firstSession).as("heartbeats of the first session: acked, then unacked").isGreaterThanOrEqualTo(
                3 + AgentSession.UNACKED_HEARTBEATS_TOLERATED);
    }

    @Test
    void aMarketplaceThatNeverAcknowledgesKeepsItsStream() throws Exception {
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"));

        market.awaitAll(AgentMessage::hasHeartbeat, 4 * AgentSession.UNACKED_HEARTBEATS_TOLERATED, WAIT);

        assertThat(market.received.stream().filter(AgentMessage::hasHello)).hasSize(1);
    }

    @Test
    void aRestartedAgentStartsItsPodsAgainAndReportsThem() throws Exception {
        Path state = dir.resolve("state");
        AgentIdentity identity = pki.identity("hst_test");
        InMemoryRuntime beforeReboot = new InMemoryRuntime();
        Running first = start(identity, beforeReboot, state);
        market.await(AgentMessage::hasHello, WAIT);
        market.send(startPod("pod-1"));
        market.await(event("pod-1", PodState.POD_STATE_RUNNING), WAIT);
        first.stop(); // what SIGTERM does
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (market.completedByAgent.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(market.completedByAgent).as("the stream was half-closed, not dropped").hasValue(1);
        assertThat(beforeReboot.running()).as("stopping the agent leaves pods running").containsExactly("pod-1");
        market.received.clear();

        InMemoryRuntime afterReboot = new InMemoryRuntime(); // the containers did not survive
        start(identity, afterReboot, state);
        Hello hello = market.await(AgentMessage::hasHello, WAIT).getHello();

        assertThat(hello.getRunningPodsList()).extracting(PodStatus::getPodId).containsExactly("pod-1");
        assertThat(afterReboot.running()).containsExactly("pod-1");
    }

    @Test
    void aCertificateInItsLastThirdIsRenewedAndTheNewFilesAreSaved() throws Exception {
        Path identityDir = dir.resolve("identity");
        Instant now = Instant.now();
        AgentIdentity old = pki.identity("hst_test", now.minus(Duration.ofHours(20)), now.plus(Duration.ofHours(4)));
        old.saveTo(identityDir);
        market.answers = m -> m.hasCertificateRenewal()
                ? Optional.of(issued(pki.renew(m.getCertificateRenewal().getCsrDer().toByteArray(), "hst_test"), pki.ca))
                : Optional.empty();
        start(old, identityDir, new InMemoryRuntime(), dir.resolve("state"));

        market.await(AgentMessage::hasCertificateRenewal, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        AgentIdentity saved = AgentIdentity.loadFrom(identityDir);
        // key and chain are two files, each replaced atomically: wait until both are the new ones
        while ((saved.chain().getFirst().equals(old.chain().getFirst()) || saved.key().equals(old.key()))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            saved = AgentIdentity.loadFrom(identityDir);
        }

        assertThat(saved.chain().getFirst()).isNotEqualTo(old.chain().getFirst());
        assertThat(saved.key()).isNotEqualTo(old.key());
        assertThat(saved.hostId()).isEqualTo("hst_test");
        assertThat(saved.notAfter()).isAfter(now.plus(Duration.ofDays(20)));
        // the saved key is the one the new certificate certifies
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(saved.key());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        signer.initVerify(saved.chain().getFirst().getPublicKey());
        signer.update(new byte[] {1, 2, 3});
        assertThat(signer.verify(signature)).isTrue();
    }

    @Test
    void keepsTryingWhileTheMarketplaceIsDownOpensTheBreakerAndConnectsOnceItIsBack() throws Exception {
        int port = Integer.parseInt(market.target().substring("localhost:".length()));
        market.close(); // nothing answers on that port now
        Running agent = start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"), "localhost:" + port);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (agent.agent().connectBreakerState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(agent.agent().connectBreakerState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        market = new FakeMarketplace(pki, port);

        assertThat(market.await(AgentMessage::hasHello, WAIT).getHello().getSimulated()).isTrue();
        market.await(AgentMessage::hasHeartbeat, WAIT);
        assertThat(agent.agent().connectBreakerState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
    }

    @Test
    void dialsTheNextMarketplaceInstanceWhenOneIsGone() throws Exception {
        int gone;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            gone = socket.getLocalPort(); // nothing listens there once closed
        }
        start(pki.identity("hst_test"), new InMemoryRuntime(), dir.resolve("state"),
                "127.0.0.1:" + gone + "," + market.target());

        Hello hello = market.await(AgentMessage::hasHello, WAIT).getHello();

        assertThat(hello.getSimulated()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    private Running start(AgentIdentity identity, InMemoryRuntime runtime, Path state, String target)
            throws Exception {
        Path identityDir = dir.resolve("identity-" + agents.size());
        identity.saveTo(identityDir);
        SimulatedHost host = SimulatedHost.parse("4x RTX_4090", SkuCatalogue.bundled(), identity.hostId(),
                new Random(7));
        ProviderAgent agent = new ProviderAgent(target, identity, identityDir, PodStateFile.openIn(state),
                host, runtime, "test", FAST, Clock.systemUTC());
        Running running = new Running(agent, Thread.ofPlatform().name("agent-under-test").start(agent::run));
        agents.add(running);
        return running;
    }

    private Running start(AgentIdentity identity, InMemoryRuntime runtime, Path state) throws Exception {
        Path identityDir = dir.resolve("identity-" + agents.size());
        identity.saveTo(identityDir);
        return start(identity, identityDir, runtime, state);
    }

    private Running start(AgentIdentity identity, Path identityDir, InMemoryRuntime runtime, Path state)
            throws Exception {
        return start(identity, identityDir, runtime, state, SimulatedHost.parse("4x RTX_4090",
                SkuCatalogue.bundled(), identity.hostId(), new Random(7)));
    }

    private Running start(AgentIdentity identity, Path identityDir, InMemoryRuntime runtime, Path state,
            AgentHost host) throws Exception {
        ProviderAgent agent = new ProviderAgent(market.target(), identity, identityDir, PodStateFile.openIn(state),
                host, runtime, "test", FAST, Clock.systemUTC());
        Thread thread = Thread.ofPlatform().name("agent-under-test").start(agent::run);
        Running running = new Running(agent, thread);
        agents.add(running);
        return running;
    }

    private record Running(ProviderAgent agent, Thread thread) {
        void stop() throws InterruptedException {
            agent.stop();
            thread.join(5_000);
            assertThat(thread.isAlive()).as("the agent's loop ends on stop").isFalse();
        }
    }

    private static MarketplaceMessage startPod(String podId) {
        return MarketplaceMessage.newBuilder().setStartPod(StartPod.newBuilder().setPodId(podId)
                .setImage("pytorch/pytorch:2.4.0").addPorts(PortRequest.newBuilder().setContainerPort(8888)
                        .setProtocol("tcp")).addGpuIndices(0)).build();
    }

    private static MarketplaceMessage stopPod(String podId) {
        return MarketplaceMessage.newBuilder().setStopPod(StopPod.newBuilder().setPodId(podId).setGraceSeconds(1))
                .build();
    }

    private static Predicate<AgentMessage> event(String podId, PodState state) {
        return m -> m.hasPodEvent() && m.getPodEvent().getPodId().equals(podId) && m.getPodEvent().getState() == state;
    }

    private static Measurement figure(GpuBenchmark gpu, String name) {
        return gpu.getFiguresList().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static MarketplaceMessage issued(X509Certificate host, X509Certificate ca) {
        try {
            return MarketplaceMessage.newBuilder().setCertificateIssued(CertificateIssued.newBuilder()
                    .addCertificateChainDer(ByteString.copyFrom(host.getEncoded()))
                    .addCertificateChainDer(ByteString.copyFrom(ca.getEncoded()))).build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
