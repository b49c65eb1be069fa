package dev.assay.api.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.pods.PodLaunch;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import dev.assay.api.testing.MovableMarketClock;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.ChallengeCommitment;
import dev.assay.proto.agent.v1.ChallengeOpening;
import dev.assay.proto.agent.v1.ChallengeResponse;
import dev.assay.proto.agent.v1.GpuTelemetry;
import dev.assay.proto.agent.v1.Heartbeat;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.MarketplaceMessage.BodyCase;
import dev.assay.proto.signing.ChallengeSeed;
import dev.assay.proto.signing.ReportSignature;
import dev.assay.reputation.challenge.ChallengeMatrices;
import dev.assay.reputation.challenge.ChallengeSpec;
import dev.assay.reputation.challenge.HostSolution;
import dev.assay.reputation.challenge.HostSolver;
import dev.assay.reputation.challenge.RowOpening;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an agent's messages do to the market, over real gRPC with mutual TLS: the first signed, plausible report
 * writes the machine (placed where its owner said, scored from its figures); reports for another host, forged or
 * changed are refused and write nothing; the proof-of-GPU challenge verifies an honest host and deverifies a lying
 * one; a silent agent's host goes OFFLINE; pods reach the agent's stream.
 */
@MicronautTest(transactional = false)
@Property(name = "grpc.server.enabled", value = "true")
@Property(name = "test.movable-market-clock", value = "true")
@Property(name = "pods-test.scripted-agent", value = "false")
@Property(name = "assay.agents.offline-after", value = "30s")
class AgentHostsTest {

    private static final String PLACED = "{\"name\":\"rack 4 node 2\",\"tier\":\"SECURE\",\"region\":\"eu-west\","
            + "\"datacenter\":\"FRA-2\",\"geolocation\":\"DE\"}";

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    AgentPresence presence;

    @Inject
    AgentStreamGateway gateway;

    @Inject
    HostRegistry registry;

    @Inject
    MovableMarketClock clock;

    @Inject
    MeterRegistry meters;

    @Test
    void aSignedPlausibleReportAddsTheMachineWhereItsOwnerPlacedItAndAnHonestChallengeVerifiesIt() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, PLACED, "RTX_4090", 2)) {
            TestAgent.Stream stream = agent.connect();
            stream.send(agent.hello());
            assertThat(stream.next().getWelcome().getBenchmarkRequested()).isTrue();
            assertThat(registry.storedMachine(agent.hostId)).as("no row before a measurement").isEmpty();

            stream.send(agent.signedReport(1.0));
            JsonNode host = awaitHost(agent);
            for (int i = 0; i < 100 && host.path("latest_benchmarks").size() < 2; i++) {
                Thread.sleep(50); // the row is written first, then the report's history
                host = host(agent);
            }
            assertThat(host.path("name").asText()).isEqualTo("rack 4 node 2");
            assertThat(host.path("machine").path("tier").asText()).isEqualTo("SECURE");
            assertThat(host.path("machine").path("region").asText()).isEqualTo("eu-west");
            assertThat(host.path("machine").path("geolocation").asText()).isEqualTo("DE");
            assertThat(host.path("simulated").asBoolean()).isTrue();
            assertThat(host.path("gpus")).hasSize(2);
            assertThat(host.path("gpus").get(0).path("score").asDouble()).isGreaterThan(0);
            assertThat(host.path("gpus").get(1).path("uuid").asText()).isEqualTo("GPU-SIMULATED-" + agent.hostId + "-1");
            assertThat(host.path("latest_benchmarks").get(0).path("verdict").asText()).isEqualTo("PLAUSIBLE");
            assertThat(host.path("verification").asText()).isEqualTo("UNVERIFIED");
            assertThat(host.path("offer").path("listed").asBoolean()).isFalse();

            answerHonestly(stream);
            awaitVerification(agent, "VERIFIED");
            stream.complete();
        }
    }

    @Test
    void aReportForAnotherHostIsRefusedAndWritesNothing() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, "{}", "RTX_4090", 1);
                TestAgent other = TestAgent.enroll(server, context, "{}", "RTX_4090", 1)) {
            TestAgent.Stream stream = agent.connect();
            stream.send(agent.hello());
            stream.next(BodyCase.WELCOME);

            // Signed by this host's own key, so only the name is wrong.
            stream.send(TestAgent.message(ReportSignature.sign(agent.report(other.hostId, 1.0), agent.key.getPrivate())));

            Status end = stream.end();
            assertThat(end.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(end.getDescription()).contains(other.hostId).contains("its own host only");
            assertThat(registry.storedMachine(agent.hostId)).isEmpty();
            assertThat(registry.storedMachine(other.hostId)).isEmpty();
        }
    }

    @Test
    void aForgedOrTamperedReportIsRefusedAndWritesNothing() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, "{}", "RTX_4090", 1)) {
            BenchmarkReport signed = ReportSignature.sign(agent.report(agent.hostId, 1.0), agent.key.getPrivate());
            BenchmarkReport raised = signed.toBuilder().setGpus(0, signed.getGpus(0).toBuilder().setFigures(0,
                    signed.getGpus(0).getFigures(0).toBuilder().setValue(9_999))).build();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            BenchmarkReport forged = ReportSignature.sign(agent.report(agent.hostId, 1.0),
                    generator.generateKeyPair().getPrivate());

            for (BenchmarkReport bad : List.of(raised, forged, signed.toBuilder().clearSignature().build())) {
                TestAgent.Stream stream = agent.connect();
                stream.send(agent.hello());
                stream.next(BodyCase.WELCOME);
                stream.send(TestAgent.message(bad));

                Status end = stream.end();
                assertThat(end.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(end.getDescription()).contains("signature does not verify");
            }
            assertThat(registry.storedMachine(agent.hostId)).isEmpty();
        }
    }

    @Test
    void aLyingChallengeAnswerDeverifiesTheHostAndDrainsIt() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, "{}", "RTX_4090", 1)) {
            TestAgent.Stream stream = agent.connect();
            stream.send(agent.hello());
            stream.next(BodyCase.WELCOME);
            stream.send(agent.signedReport(1.0));
            awaitHost(agent);

            MarketplaceMessage challenge = firstChallenge(stream);
            ChallengeSpec spec = spec(challenge);
            // A host that fakes the product: a consistent Merkle tree over rows that are not A·B.
            int[][] fake = ChallengeMatrices.of(spec).productRows(allRows(spec.n()));
            for (int[] row : fake) {
                row[0] += 1;
            }
            HostSolution lie = HostSolver.commit(spec, fake);
            commitAndOpen(stream, challenge, lie);

            assertThat(stream.next(BodyCase.DRAIN).getDrain().getReason()).startsWith("deverified");
            awaitVerification(agent, "DEVERIFIED");
            stream.complete();
        }
    }

    @Test
    void anAgentSilentPastTheGracePeriodTakesItsHostOfflineAndBackOnlineWhenItReturns() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, "{}", "RTX_4090", 1)) {
            TestAgent.Stream stream = agent.connect();
            stream.send(agent.hello());
            stream.next(BodyCase.WELCOME);
            stream.send(agent.signedReport(1.0));
            awaitHost(agent);

            clock.advance(Duration.ofSeconds(20));
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(0)
                    .addGpus(GpuTelemetry.newBuilder().setIndex(0).setTemperatureCelsius(61)
                            .setPowerDrawMilliwatts(312_500).setUtilizationGpuPercent(97))).build());
            JsonNode live = null;
            for (int i = 0; i < 100 && (live == null || live.path("gpus").isEmpty()); i++) {
                Thread.sleep(50);
                live = host(agent).path("agent");
            }
            assertThat(live.path("connected").asBoolean()).isTrue();
            assertThat(live.path("gpus").get(0).path("temperature_celsius").asInt()).isEqualTo(61);
            assertThat(live.path("gpus").get(0).path("power_draw_watts").asDouble()).isEqualTo(312.5);
            clock.advance(Duration.ofSeconds(20));
            presence.sweep();
            assertThat(host(agent).path("status").asText()).as("heard 20 s ago: still there").isEqualTo("ONLINE");

            clock.advance(Duration.ofSeconds(15));
            presence.sweep(); // silent for 35 s: session closed, the grace period starts
            assertThat(stream.end().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            clock.advance(Duration.ofSeconds(31));
            presence.sweep();
            JsonNode offline = host(agent);
            assertThat(offline.path("status").asText()).isEqualTo("OFFLINE");
            assertThat(offline.has("agent")).as("no agent connected").isFalse();
            clock.advance(Duration.ofSeconds(60));

            TestAgent.Stream again = agent.connect();
            again.send(agent.hello());
            assertThat(again.next(BodyCase.WELCOME).getWelcome().getBenchmarkRequested())
                    .as("a known machine is not re-measured on every connect").isFalse();
            JsonNode back = awaitStatus(agent, "ONLINE");
            for (int i = 0; i < 100 && back.path("health").path("uptime_1d").asDouble() == 1.0; i++) {
                Thread.sleep(50); // the status commits first, then the re-estimated reliability
                back = host(agent);
            }
            assertThat(back.path("health").path("uptime_1d").asDouble()).as("86 s online, then 60 s OFFLINE")
                    .isBetween(0.55, 0.63);
            again.complete();
        }
    }

    @Test
    void everyHeartbeatIsAckedWithItsSequenceOnceHandledAndItsHandlingIsTimed() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, "{}", "RTX_4090", 1)) {
            TestAgent.Stream stream = agent.connect();
            stream.send(agent.hello());
            stream.next(BodyCase.WELCOME);
            Timer handling = meters.get("assay.agents.heartbeat.handling").timer();
            long timedBefore = handling.count();

            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(7)).build());
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(8)).build());

            assertThat(stream.next(BodyCase.HEARTBEAT_ACK).getHeartbeatAck().getSequence()).isEqualTo(7);
            assertThat(stream.next(BodyCase.HEARTBEAT_ACK).getHeartbeatAck().getSequence()).isEqualTo(8);
            assertThat(handling.count()).as("both heartbeats timed before their acks went").isEqualTo(timedBefore + 2);
            stream.complete();
        }
    }

    @Test
    void podsOfAConnectedHostGoOutOnItsStream() throws Exception {
        try (TestAgent agent = TestAgent.enroll(server, context, "{}", "RTX_4090", 1)) {
            TestAgent.Stream stream = agent.connect();
            stream.send(agent.hello());
            stream.next(BodyCase.WELCOME);

            gateway.startPod(new PodLaunch("pod_test1", agent.hostId, "pytorch/pytorch:2.4.0", List.of(0),
                    "{\"HF_TOKEN\":\"x\"}", "22/tcp,8888/http", 8, 32, 50, true));

            var start = stream.next(BodyCase.START_POD).getStartPod();
            assertThat(start.getPodId()).isEqualTo("pod_test1");
            assertThat(start.getGpuIndicesList()).containsExactly(0);
            assertThat(start.getEnvMap()).containsEntry("HF_TOKEN", "x");
            assertThat(start.getPortsList()).extracting(p -> p.getContainerPort()).containsExactly(22, 8888);
            assertThat(start.getLimits().getRamMib()).isEqualTo(32 * 1024);
            assertThat(start.getVolume().getMountPath()).isEqualTo("/workspace");
            stream.complete();
        }
    }

    /** The challenge a newly registered machine is due (opened by the presence sweep). */
    private MarketplaceMessage firstChallenge(TestAgent.Stream stream) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            presence.sweep();
            var message = stream.poll(100);
            if (message.isPresent() && message.get().hasChallenge()) {
                return message.get();
            }
        }
        throw new AssertionError("no challenge after registration");
    }

    private void answerHonestly(TestAgent.Stream stream) throws InterruptedException {
        MarketplaceMessage challenge = firstChallenge(stream);
        commitAndOpen(stream, challenge, HostSolver.solve(spec(challenge)));
    }

    private static void commitAndOpen(TestAgent.Stream stream, MarketplaceMessage challenge, HostSolution solution)
            throws InterruptedException {
        String id = challenge.getChallenge().getChallengeId();
        stream.send(AgentMessage.newBuilder().setChallengeResponse(ChallengeResponse.newBuilder().setChallengeId(id)
                .setCommitment(ChallengeCommitment.newBuilder()
                        .setMerkleRoot(ByteString.copyFrom(solution.root().bytes())).setElapsedMicros(1_000)))
                .build());
        var rows = stream.next(BodyCase.CHALLENGE_ROWS_REQUEST).getChallengeRowsRequest();
        ChallengeOpening.Builder opening = ChallengeOpening.newBuilder();
        for (int row : rows.getRowsList()) {
            RowOpening open = solution.open(row);
            var proto = dev.assay.proto.agent.v1.RowOpening.newBuilder().setRow(row);
            for (int value : open.values()) {
                proto.addValues(value);
            }
            open.proof().forEach(d -> proto.addProof(ByteString.copyFrom(d.bytes())));
            opening.addRows(proto);
        }
        stream.send(AgentMessage.newBuilder().setChallengeResponse(ChallengeResponse.newBuilder().setChallengeId(id)
                .setOpening(opening)).build());
    }

    private static ChallengeSpec spec(MarketplaceMessage challenge) {
        return new ChallengeSpec(ChallengeSeed.fromBytes(challenge.getChallenge().getSeed()),
                challenge.getChallenge().getN(), 1);
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private JsonNode host(TestAgent agent) {
        return ApiAnswers.json(new ApiClient(server).send("GET", "/v1/hosts/" + agent.hostId, agent.ownerKey, null));
    }

    private JsonNode awaitHost(TestAgent agent) throws InterruptedException {
        return awaitStatus(agent, "ONLINE");
    }

    private JsonNode awaitStatus(TestAgent agent, String status) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode host = host(agent);
            if (host.path("status").asText().equals(status)) {
                return host;
            }
            Thread.sleep(50);
        }
        assertThat(host(agent).path("status").asText()).as("host status").isEqualTo(status);
        return null;
    }

    private void awaitVerification(TestAgent agent, String verification) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (host(agent).path("verification").asText().equals(verification)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(host(agent).path("verification").asText()).isEqualTo(verification);
    }
}
