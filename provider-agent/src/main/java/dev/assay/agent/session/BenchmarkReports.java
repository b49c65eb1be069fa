package dev.assay.agent.session;

import com.google.protobuf.Timestamp;
import dev.assay.agent.identity.AgentIdentity;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.signing.ReportSignature;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Runs the host's benchmarks and makes the signed report the marketplace checks against the SKU table. */
final class BenchmarkReports {

    private final AgentHost host;
    private final Clock clock;

    BenchmarkReports(AgentHost host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /**
     * Runs the suites (slow on real GPUs; the host suite takes about 15 s) and signs the result with the identity's
     * key, naming its host.
     */
    BenchmarkReport run(String requestId, List<Integer> gpuIndices, AgentIdentity identity) {
        Instant started = clock.instant();
        BenchmarkReport.Builder report = BenchmarkReport.newBuilder()
                .setSuiteVersion(host.suiteVersion())
                .addAllGpus(host.benchmark(gpuIndices));
        host.benchmarkHost().ifPresent(report::setHost); // one suite at a time: neither disturbs the other's timings
        Instant finished = clock.instant();
        report.setStartedAt(timestamp(started)).setFinishedAt(timestamp(finished))
                .setSimulated(host.simulated())
                .setRequestId(requestId)
                .setHostId(identity.hostId());
        return ReportSignature.sign(report.build(), identity.key());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
