package dev.assay.loadgen.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.agents.bare.BareAgentServer;
import dev.assay.loadgen.report.LoadReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm over real gRPC and mutual TLS against the bare server in this JVM: every agent enrolls, is welcomed,
 * and each heartbeat's round trip to its ack is recorded; the run stops at its request bound.
 */
class AgentSwarmAgainstBareServerTest {

    @TempDir
    Path dir;

    @Test
    void everyAgentConnectsAndEveryHeartbeatIsAckedAndTimed() throws Exception {
        try (BareAgentServer server = BareAgentServer.start(0, dir, Duration.ofMillis(200))) {
            LoadReport report = run(server, 5, Duration.ofSeconds(2), Long.MAX_VALUE);

            assertThat(report.operation("enroll").successes()).isEqualTo(5);
            assertThat(report.operation("connect").successes()).isEqualTo(5);
            // 5 agents at 200 ms for 2 s: about 50 heartbeats, each with its ack.
            assertThat(report.operation("heartbeat").successes()).isBetween(30L, 60L);
            assertThat(report.operation("heartbeat").percentileMicros(99)).isPositive();
            assertThat(report.totalErrors()).isZero();
            assertThat(server.heartbeats()).as("agents beat from their Welcome on; only the window's are measured")
                    .isGreaterThanOrEqualTo(report.operation("heartbeat").successes());
            Map<?, ?> facts = (Map<?, ?>) report.asMap(2).get("facts");
            assertThat(facts.get("agents_connected")).isEqualTo(5);
            assertThat(facts.get("heartbeat_interval_ms")).isEqualTo(200L);
            assertThat(server.connected()).as("every stream closed when the run ended").isZero();
        }
    }

    @Test
    void theRunStopsAtItsRequestBound() throws Exception {
        try (BareAgentServer server = BareAgentServer.start(0, dir, Duration.ofMillis(100))) {
            LoadReport report = run(server, 3, Duration.ofSeconds(30), 7);

            Map<?, ?> facts = (Map<?, ?>) report.asMap(1).get("facts");
            assertThat(facts.get("heartbeats_sent")).isEqualTo(7L);
            assertThat(report.operation("heartbeat").successes()).isEqualTo(7);
            assertThat(report.totalErrors()).isZero();
        }
    }

    @Test
    void heartbeatsWhoseAcksNeverComeAreErrors() throws Exception {
        try (BareAgentServer server = BareAgentServer.start(0, dir, Duration.ofMillis(100), false)) {
            LoadReport report = run(server, 2, Duration.ofSeconds(1), Long.MAX_VALUE);

            assertThat(report.operation("connect").successes()).isEqualTo(2);
            assertThat(report.operation("heartbeat").successes()).isZero();
            // About 10 a second each for 1 s: displaced after 4 more were sent, or still waiting after the grace.
            assertThat(report.operation("heartbeat").errors()).isBetween(14L, 24L);
            assertThat(report.operation("heartbeat").firstErrors()).anySatisfy(e -> assertThat(e)
                    .contains("no HeartbeatAck"));
        }
    }

    private LoadReport run(BareAgentServer server, int agents, Duration window, long maxRequests) throws Exception {
        LoadPlan plan = new LoadPlan(URI.create("http://127.0.0.1:1"), "127.0.0.1:" + server.port(), agents, 0,
                window, maxRequests, Optional.empty(), Optional.empty(), 42);
        AgentSwarm swarm = new AgentSwarm(new SwarmOptions(Optional.of(server.caFile()), 0, 1, 2, 4, 0));
        LoadReport report = new LoadReport();
        swarm.prepare(plan, report);
        CountDownLatch go = new CountDownLatch(1);
        go.countDown();
        long started = System.nanoTime();
        swarm.run(plan, report, go);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the window and the ack grace")
                .isLessThan(window.plus(AgentSwarm.ACK_GRACE).plusSeconds(5));
        return report;
    }
}
