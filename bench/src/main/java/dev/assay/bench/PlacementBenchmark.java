package dev.assay.bench;

import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementPipelines;
import dev.assay.matching.placement.PlacementRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * (a) Placement decisions on one core: the standard pipeline (per-model index + seeded sample of 16
 * feasible hosts) against {@link ExhaustiveBaselinePlacer} (the same rules and scorers over every host, no
 * index, no sampling). Workload: a generated market of {@code hosts} hosts and 1,024 generated pod
 * requests taken in turn, each with its own seed; the snapshot is not changed between decisions.
 * Run: {@code ./assay bench --only placement}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class PlacementBenchmark {

    @Param({"1000", "10000", "100000"})
    int hosts;

    private InventorySnapshot snapshot;
    private PlacementRequest[] requests;
    private final PlacementPipeline pipeline = PlacementPipelines.standard();
    private final ExhaustiveBaselinePlacer exhaustive = new ExhaustiveBaselinePlacer();
    private int next;

    @Setup
    public void setUp() {
        MarketGenerator generator = new MarketGenerator(42);
        snapshot = InventorySnapshot.of(generator.hosts(hosts));
        List<PlacementRequest> list = generator.requests(1024);
        requests = list.toArray(PlacementRequest[]::new);
    }

    @Benchmark
    public PlacementDecision pipeline() {
        return pipeline.place(snapshot, requests[next++ & 1023]);
    }

    @Benchmark
    public Optional<ExhaustiveBaselinePlacer.Choice> exhaustiveBaseline() {
        return exhaustive.place(snapshot, requests[next++ & 1023]);
    }
}
