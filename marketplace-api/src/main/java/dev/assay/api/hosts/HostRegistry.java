package dev.assay.api.hosts;

import dev.assay.api.hosts.HostWrites.GpuRow;
import dev.assay.api.hosts.HostWrites.Head;
import dev.assay.api.market.MarketClock;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.pods.PodLifecycle;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.plausibility.NvmlFacts;
import dev.assay.reputation.plausibility.PlausibilityCheck;
import dev.assay.reputation.plausibility.PlausibilityFinding;
import dev.assay.reputation.plausibility.PlausibilityVerdict;
import dev.assay.reputation.reliability.ObservedInterval;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import dev.assay.reputation.score.AssayScore;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of host rows: registers machines, changes their status and verification, records
 * reliability and benchmarks, and lists or unlists their offers.
 *
 * <p>Contract: each method is its own transaction, and refreshes {@link MarketIndex} for the host after that
 * transaction committed, so search sees the change as soon as the method returns. Do not call it inside an
 * outer transaction (the refresh would read the host as it was before). Bad input is an
 * {@link dev.assay.api.problem.ApiProblem} of type VALIDATION naming each field; an unknown host (or another
 * organisation's) is NOT_FOUND; a host changed concurrently is CONFLICT. Thread-safe.
 */
@Singleton
public class HostRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(HostRegistry.class);

    private final HostWrites writes;
    private final MarketIndex index;
    private final MarketClock clock;
    private final PodLifecycle pods;
    private final HostPresence presence;
    private final SkuCatalogue catalogue = SkuCatalogue.bundled();
    private final PlausibilityCheck plausibility = PlausibilityCheck.withDefaults();

    HostRegistry(HostWrites writes, MarketIndex index, MarketClock clock, PodLifecycle pods, HostPresence presence) {
        this.writes = writes;
        this.presence = presence;
        this.index = index;
        this.clock = clock;
        this.pods = pods;
    }

    /**
     * Registers a machine for {@code orgId}: resolves its GPUs' NVML names to a catalogue SKU, scores each GPU
     * from its figures, and stores the host ONLINE, UNVERIFIED and unlisted.
     *
     * @return the new host's id
     */
    public String register(String orgId, MachineSpec spec) {
        GpuSku sku = HostRules.checkMachine(spec, catalogue);
        List<GpuRow> gpus = gpuRows(spec, sku);
        String hostId = HostIds.next(HostIds.HOST);
        writes.insertHost(hostId, orgId, spec, gpus, clock.now());
        index.refresh(hostId);
        LOG.info("event=host_registered host={} org={} sku={} gpus={} simulated={}", hostId, orgId, sku.id(),
                gpus.size(), spec.simulated());
        return hostId;
    }

    /** A machine to import with its state: how a fleet (the SIMULATED demo fleet) arrives with a past. */
    public record FleetMachine(MachineSpec machine, VerificationState verification, ReliabilityEstimate reliability,
            OfferTerms offer) {}

    /**
     * Registers many machines of {@code orgId} at once, each already verified (or not), with a reliability estimate
     * and listed: the rules of {@link #register} and {@link #listOffer} apply to every one (SKU resolution, scores
     * from the figures, offer checks), but the rows go in as JDBC batches, {@value #FLEET_BATCH} machines per
     * transaction, and the market index is reloaded once at the end instead of once per host. Every machine is
     * checked before the first row is written, so bad input writes nothing. Ids derive from {@code idSeed}, the
     * organisation and each machine's place in the list: the same seeded fleet gets the same ids on every run.
     *
     * @return the new hosts' ids, in the order of {@code machines}
     */
    public List<String> registerFleet(String orgId, List<FleetMachine> machines, long idSeed) {
        Instant now = clock.now();
        long seed = idSeed * 31 + orgId.hashCode();
        List<HostWrites.FleetRow> rows = new ArrayList<>(machines.size());
        for (int n = 0; n < machines.size(); n++) {
            FleetMachine m = machines.get(n);
            GpuSku sku = HostRules.checkMachine(m.machine(), catalogue);
            HostRules.checkOffer(m.offer(), m.machine().gpus().size(), now);
            rows.add(new HostWrites.FleetRow(HostIds.derived(HostIds.HOST, seed, n), m.machine(), gpuRows(m.machine(), sku),
                    m.verification(), m.reliability(), m.offer()));
        }
        for (int from = 0; from < rows.size(); from += FLEET_BATCH) {
            writes.insertFleet(orgId, rows.subList(from, Math.min(rows.size(), from + FLEET_BATCH)), now);
        }
        index.reloadAll();
        LOG.info("event=fleet_registered org={} hosts={} simulated={}", orgId, rows.size(),
                machines.stream().allMatch(m -> m.machine().simulated()));
        return rows.stream().map(HostWrites.FleetRow::hostId).toList();
    }

    /** Machines per transaction of {@link #registerFleet}: a failed batch loses little, a commit is not per row. */
    static final int FLEET_BATCH = 5_000;

    /**
     * Writes the row of a machine that joined through an agent, under the id its certificate names: ONLINE,
     * UNVERIFIED and unlisted, with the figures of its first plausible benchmark report. Its presence history
     * starts now.
     */
    public void registerEnrolled(String hostId, String orgId, MachineSpec spec) {
        GpuSku sku = HostRules.checkMachine(spec, catalogue);
        writes.insertEnrolledHost(hostId, orgId, spec, gpuRows(spec, sku), clock.now());
        index.refresh(hostId);
        LOG.info("event=host_registered host={} org={} sku={} gpus={} simulated={} via=agent", hostId, orgId, sku.id(),
                spec.gpus().size(), spec.simulated());
    }

    /** Machines with agents (they keep a presence history) stored ONLINE: after a restart, their agents must reconnect. */
    public List<String> agentHostsOnline() {
        return presence.trackedOnline();
    }

    /** Where the owner placed the machine enrolled as {@code hostId}; empty if no token gave that id. */
    public Optional<HostPlacement> enrolledPlacement(String hostId) {
        return writes.enrolledPlacement(hostId);
    }

    /** A machine as the agent side compares it with what its agent says. */
    public record StoredMachine(String orgId, HostStatus status, VerificationState verification, boolean simulated,
            GpuSku sku, int gpuCount) {}

    /** The stored machine {@code hostId}, if its row exists. */
    public Optional<StoredMachine> storedMachine(String hostId) {
        return writes.row(hostId).map(row -> {
            List<GpuRow> gpus = writes.gpus(hostId);
            GpuSku sku = catalogue.find(gpus.getFirst().skuId()).orElseThrow(() -> new IllegalStateException(
                    "host " + hostId + " has a GPU of unknown SKU " + gpus.getFirst().skuId()));
            return new StoredMachine(row.getOrgId(), HostStatus.valueOf(row.getStatus()),
                    VerificationState.valueOf(row.getVerification()), row.isSimulated(), sku, gpus.size());
        });
    }

    /**
     * Records a pod failure the host caused and re-estimates the host's reliability, which it lowers.
     */
    public void recordHostFailure(String hostId, String reason) {
        writes.hostFailure(hostId, reason, clock.now());
        refreshReliability(hostId);
    }

    /**
     * For a machine without an agent whose availability its simulator observed (the SIMULATED demo fleet): records
     * a pod failure the host caused and re-estimates reliability from {@code observed} and every stored failure.
     */
    public void recordHostFailure(String hostId, String reason, List<ObservedInterval> observed) {
        writes.hostFailure(hostId, reason, clock.now());
        refreshReliability(hostId, observed);
    }

    /** As {@link #refreshReliability(String)}, for a machine whose availability its simulator observed. */
    public void refreshReliability(String hostId, List<ObservedInterval> observed) {
        recordReliability(hostId, presence.estimate(hostId, observed, clock.now()));
    }

    /** Re-estimates the reliability of a machine with an agent from its presence history and failures. */
    public void refreshReliability(String hostId) {
        recordReliability(hostId, presence.estimate(hostId, clock.now()));
    }

    public void setStatus(String hostId, HostStatus status) {
        Head head = writes.setStatus(hostId, status, clock.now());
        index.refresh(hostId);
        if (presence.tracked(hostId)) {
            refreshReliability(hostId);
        }
        if (status != HostStatus.ONLINE) {
            // After the status commit, so nothing new is placed there while its pods are marked LOST. Running
            // time is settled up to now; a host that comes back does not resume them (their state is gone).
            pods.hostLost(hostId);
        }
        LOG.info("event=host_status host={} org={} status={}", hostId, head.orgId(), status);
    }

    public void setVerification(String hostId, VerificationState verification) {
        Head head = writes.setVerification(hostId, verification);
        index.refresh(hostId);
        LOG.info("event=host_verification host={} org={} verification={}", hostId, head.orgId(), verification);
    }

    /** Stores the reliability model's estimate: lower bound (ranking), mean, uptimes and failures. */
    public void recordReliability(String hostId, ReliabilityEstimate estimate) {
        writes.recordReliability(hostId, estimate);
        index.refresh(hostId);
    }

    /**
     * Stores a benchmark report of one GPU with the plausibility verdict it gets against the GPU's SKU. A
     * PLAUSIBLE or DEGRADED report replaces the GPU's figures and score (a degraded GPU scores what it
     * measures); a SUSPICIOUS or IMPOSSIBLE one is kept as evidence but changes no figure, so a false report
     * can never raise a score.
     *
     * @return the verdict
     */
    public PlausibilityVerdict recordBenchmark(String hostId, int gpuIndex, NvmlFacts facts, MeasuredFigures measured,
            boolean simulated) {
        GpuRow stored = writes.gpu(hostId, gpuIndex).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "no GPU " + gpuIndex + " on host " + hostId));
        GpuSku sku = catalogue.find(stored.skuId()).orElseThrow(
                () -> new IllegalStateException("host " + hostId + " has a GPU of unknown SKU " + stored.skuId()));
        PlausibilityVerdict verdict = plausibility.check(sku, facts, measured);
        GpuRow reported = new GpuRow(gpuIndex, stored.skuId(), stored.model(), stored.uuid(), stored.vramGb(),
                measured.tensorTflops(), measured.fp32Tflops(), measured.memoryBandwidthGbps(),
                measured.hostToDeviceGbps(), AssayScore.of(measured), stored.computeCapability());
        boolean trusted = verdict instanceof PlausibilityVerdict.Plausible
                || verdict instanceof PlausibilityVerdict.Degraded;
        String findings = verdict.findings().stream().map(PlausibilityFinding::explanation)
                .collect(Collectors.joining("\n"));
        if (findings.length() > 2000) {
            findings = findings.substring(0, 1999) + "…";
        }
        Head head = writes.recordBenchmark(hostId, gpuIndex, reported, verdictName(verdict), findings, simulated,
                trusted ? Optional.of(reported) : Optional.empty(), clock.now());
        index.refresh(hostId);
        LOG.info("event=benchmark_recorded host={} org={} gpu={} verdict={}", hostId, head.orgId(), gpuIndex,
                verdictName(verdict));
        return verdict;
    }

    /** Lists (or re-prices) the machine {@code hostId} of {@code orgId}. */
    public void listOffer(String orgId, String hostId, OfferTerms terms) {
        writes.listOffer(orgId, hostId, terms, clock.now());
        index.refresh(hostId);
        LOG.info("event=offer_listed host={} org={} on_demand={} min_bid={} min_gpus={}", hostId, orgId,
                terms.onDemandPerGpuHour(), terms.minimumBidPerGpuHour(), terms.minGpusPerPod());
    }

    /** Takes the machine {@code hostId} of {@code orgId} off the market; its running pods are not touched. */
    public void unlist(String orgId, String hostId) {
        writes.unlist(orgId, hostId);
        index.refresh(hostId);
        LOG.info("event=offer_unlisted host={} org={}", hostId, orgId);
    }

    private static List<GpuRow> gpuRows(MachineSpec spec, GpuSku sku) {
        String cc = computeCapability(sku);
        List<GpuRow> gpus = new ArrayList<>(spec.gpus().size());
        for (int i = 0; i < spec.gpus().size(); i++) {
            GpuSpec gpu = spec.gpus().get(i);
            MeasuredFigures f = gpu.figures();
            gpus.add(new GpuRow(i, sku.id(), displayName(sku), gpu.uuid(), gpu.vramGb(), f.tensorTflops(),
                    f.fp32Tflops(), f.memoryBandwidthGbps(), f.hostToDeviceGbps(), AssayScore.of(f), cc));
        }
        return gpus;
    }

    /** PLAUSIBLE, DEGRADED, SUSPICIOUS or IMPOSSIBLE: the {@code benchmark_reports.verdict} column. */
    static String verdictName(PlausibilityVerdict verdict) {
        return verdict.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    /** "NVIDIA GeForce RTX 4090" → "RTX 4090": the name renters know. */
    static String displayName(GpuSku sku) {
        return sku.nvmlName().replaceFirst("^(NVIDIA |Tesla )", "").replaceFirst("^GeForce ", "");
    }

    // A SKU added to the catalogue before this table learns it gets "0.0": it then matches no
    // compute_cap filter rather than a wrong one.
    private static String computeCapability(GpuSku sku) {
        return ComputeCapabilities.of(sku.id()).orElse("0.0");
    }
}
