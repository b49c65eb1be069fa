package dev.assay.api.agents;

import dev.assay.api.hosts.HostPlacement;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostRegistry.StoredMachine;
import dev.assay.api.hosts.MachineSpec;
import dev.assay.api.problem.ApiProblem;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.signing.ReportSignature;
import dev.assay.reputation.plausibility.PlausibilityCheck;
import dev.assay.reputation.plausibility.PlausibilityFinding;
import dev.assay.reputation.plausibility.PlausibilityVerdict;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import io.grpc.Status;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a host's {@code BenchmarkReport}: checks that it is the stream's host's (its {@code host_id}, and its
 * signature by the certificate's key), that it covers every GPU Hello listed, and that it is plausible for the GPU
 * model NVML names; then stores it. A machine's first report writes its row (so a host appears in the market only
 * from what it measured, never from its claims); later ones go through {@link HostRegistry#recordBenchmark}, which
 * keeps every report as history and lets none but a plausible or degraded one change a score.
 *
 * <p>A report refused for what it is (another host's, forged, malformed) writes nothing and ends the stream with
 * the status of {@link Refused}; a first report that is not plausible writes nothing either, but the stream stays
 * (the agent is told why in a {@code Drain}).
 */
@Singleton
class BenchmarkIntake {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkIntake.class);

    private final HostRegistry registry;
    private final SkuCatalogue catalogue = SkuCatalogue.bundled();
    private final PlausibilityCheck plausibility = PlausibilityCheck.withDefaults();

    BenchmarkIntake(HostRegistry registry) {
        this.registry = registry;
    }

    sealed interface Outcome {}

    /** The machine's row was written from this report: it can now be listed. */
    record Registered() implements Outcome {}

    /** Stored against the existing row; one verdict per GPU. */
    record Recorded(List<String> verdicts) implements Outcome {}

    /** A first report that is not plausible: nothing written; {@code why} lists the findings. */
    record NotPlausible(String why) implements Outcome {}

    /** Refused for what it is: the stream ends with {@code status}. */
    record Refused(Status status) implements Outcome {}

    Outcome take(HostIdentity host, Hello hello, BenchmarkReport report) {
        if (!report.getHostId().equals(host.hostId())) {
            return new Refused(Status.PERMISSION_DENIED.withDescription("the report is for host \""
                    + AgentMachine.printable(report.getHostId()) + "\" but this stream's certificate is host "
                    + host.hostId() + ": an agent reports for its own host only"));
        }
        if (!ReportSignature.verifies(report, host.key())) {
            return new Refused(Status.UNAUTHENTICATED.withDescription("the report's signature does not verify with"
                    + " this host's certificate key (" + ReportSignature.ALGORITHM
                    + " over the report without its signature): it was forged or changed on the way"));
        }
        if (report.getSimulated() != hello.getSimulated()) {
            return new Refused(Status.INVALID_ARGUMENT.withDescription("the report says simulated="
                    + report.getSimulated() + " but Hello said simulated=" + hello.getSimulated()));
        }
        try {
            Optional<StoredMachine> stored = registry.storedMachine(host.hostId());
            return stored.isEmpty() ? first(host, hello, report) : again(host, stored.get(), hello, report);
        } catch (AgentMachine.Unreadable e) {
            return new Refused(Status.INVALID_ARGUMENT.withDescription("the report cannot be read: " + e.getMessage()));
        } catch (ApiProblem e) {
            return new Refused(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        }
    }

    private Outcome first(HostIdentity host, Hello hello, BenchmarkReport report) throws AgentMachine.Unreadable {
        HostPlacement placement = registry.enrolledPlacement(host.hostId()).orElseThrow(() -> new AgentMachine.Unreadable(
                java.util.Map.of("host", "no enrollment gave the id " + host.hostId())));
        GpuSku sku = AgentMachine.sku(hello, catalogue);
        MachineSpec spec = AgentMachine.spec(host.hostId(), placement, hello, report);
        List<String> findings = new ArrayList<>();
        for (GpuInventory gpu : hello.getGpusList()) {
            PlausibilityVerdict verdict = plausibility.check(sku, AgentMachine.facts(gpu, sku, hello.getSimulated()),
                    AgentMachine.figures(report, gpu.getIndex()));
            if (!trusted(verdict)) {
                findings.add("GPU " + gpu.getIndex() + ": " + verdict.findings().stream()
                        .map(PlausibilityFinding::explanation).collect(Collectors.joining("; ")));
            }
        }
        if (!findings.isEmpty()) {
            String why = String.join(" | ", findings);
            LOG.info("event=first_report_not_plausible host={} org={} findings=\"{}\"", host.hostId(), host.orgId(),
                    AgentMachine.printable(why));
            return new NotPlausible(why);
        }
        registry.registerEnrolled(host.hostId(), host.orgId(), spec);
        // The first report is history too: stored with its verdicts (the figures are those just registered).
        record(host, sku, hello, report);
        return new Registered();
    }

    private Outcome again(HostIdentity host, StoredMachine stored, Hello hello, BenchmarkReport report)
            throws AgentMachine.Unreadable {
        GpuSku sku = AgentMachine.sku(hello, catalogue);
        if (!sku.id().equals(stored.sku().id()) || hello.getGpusCount() != stored.gpuCount()) {
            throw new AgentMachine.Unreadable(java.util.Map.of("hello.gpus", "the machine joined with "
                    + stored.gpuCount() + " × " + stored.sku().id() + " and now says " + hello.getGpusCount() + " × "
                    + sku.id() + ": a changed machine enrolls again"));
        }
        return new Recorded(record(host, sku, hello, report));
    }

    private List<String> record(HostIdentity host, GpuSku sku, Hello hello, BenchmarkReport report)
            throws AgentMachine.Unreadable {
        List<String> verdicts = new ArrayList<>();
        for (GpuInventory gpu : hello.getGpusList()) {
            PlausibilityVerdict verdict = registry.recordBenchmark(host.hostId(), gpu.getIndex(),
                    AgentMachine.facts(gpu, sku, hello.getSimulated()), AgentMachine.figures(report, gpu.getIndex()),
                    report.getSimulated());
            verdicts.add(verdict.getClass().getSimpleName());
        }
        return verdicts;
    }

    private static boolean trusted(PlausibilityVerdict verdict) {
        return verdict instanceof PlausibilityVerdict.Plausible || verdict instanceof PlausibilityVerdict.Degraded;
    }
}
