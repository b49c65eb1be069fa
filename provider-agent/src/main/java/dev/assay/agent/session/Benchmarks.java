package dev.assay.agent.session;

import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.BenchmarkReport;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs benchmark requests one at a time on their own thread (a real suite takes a while and must neither hold the
 * gRPC thread nor stop the heartbeats), and sends each signed report to the open stream.
 */
final class Benchmarks {

    private static final Logger LOG = LoggerFactory.getLogger(Benchmarks.class);

    private final BenchmarkReports reports;
    private final Supplier<dev.assay.agent.identity.AgentIdentity> identity;
    private final ExecutorService worker;
    private final SessionOutbox outbox;

    Benchmarks(BenchmarkReports reports, Supplier<dev.assay.agent.identity.AgentIdentity> identity,
            ExecutorService worker, SessionOutbox outbox) {
        this.reports = reports;
        this.identity = identity;
        this.worker = worker;
        this.outbox = outbox;
    }

    void request(String requestId, List<Integer> gpuIndices) {
        worker.execute(() -> {
            try {
                BenchmarkReport report = reports.run(requestId, gpuIndices, identity.get());
                LOG.info("event=benchmark_reported request={} gpus={} simulated={}{}", requestId, report.getGpusCount(),
                        report.getSimulated(), report.getSimulated() ? " SIMULATED" : "");
                outbox.send(AgentMessage.newBuilder().setBenchmarkReport(report).build());
            } catch (RuntimeException e) {
                LOG.error("event=benchmark_failed request={}", requestId, e);
            }
        });
    }
}
