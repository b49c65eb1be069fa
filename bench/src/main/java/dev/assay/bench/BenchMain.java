package dev.assay.bench;

import dev.assay.bench.timefold.BatchCost;
import dev.assay.bench.timefold.TimefoldBaseline;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.search.OfferSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./assay bench}: runs (a) placement, (b) search with its PostgreSQL baseline and (c) greedy against
 * Timefold, then prints one table: each figure, its baseline from the same run, the ratio and the target.
 * Arguments it does not know are JMH's own options, passed through (e.g. {@code -p hosts=100000 -prof gc}).
 */
@Command(name = "assay bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks of the market core, each beside a baseline measured in the same run.",
            "Other arguments are JMH options, passed through: -f, -wi, -w, -i, -r replace the defaults, "
                    + "-p hosts=100000 narrows a parameter, -prof gc adds a profiler."})
public final class BenchMain implements Callable<Integer> {

    /** The three benchmarks, for {@code --only}. */
    enum Part { placement, search, timefold }

    @Option(names = "--only", description = "one of ${COMPLETION-CANDIDATES} (default: all)")
    Part only;

    @Option(names = "--quick", description = "short JMH runs and a 5 s solver: a smoke test, not figures to quote")
    boolean quick;

    @Option(names = "--solver-seconds", description = "Timefold's time limit (default 30)")
    int solverSeconds = 30;

    @CommandLine.Unmatched
    List<String> jmhArguments = new ArrayList<>();

    private final List<String[]> rows = new ArrayList<>();
    private CommandLineOptions jmh;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws RunnerException, CommandLineOptionException {
        jmh = new CommandLineOptions(jmhArguments.toArray(String[]::new));
        if (!jmhArguments.isEmpty()) {
            System.out.println("JMH options from the command line: " + String.join(" ", jmhArguments));
        }
        System.out.printf("machine: %d cores, Java %s; JMH %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), quick ? "forks 1, warmup 1×1 s, measurement 2×1 s (quick)"
                        : "forks 1, warmup 2×2 s, measurement 3×3 s, 1 thread");
        if (only == null || only == Part.placement) {
            placement();
        }
        if (only == null || only == Part.search) {
            search();
        }
        if (only == null || only == Part.timefold) {
            timefold();
        }
        print();
        return 0;
    }

    private void placement() throws RunnerException {
        Collection<RunResult> results = new Runner(options(PlacementBenchmark.class).build()).run();
        for (String hosts : List.of("1000", "10000", "100000")) {
            RunResult engine = find(results, "pipeline", "hosts", hosts);
            RunResult baseline = find(results, "exhaustiveBaseline", "hosts", hosts);
            if (engine == null || baseline == null) {
                continue;
            }
            double perSecond = 1e6 / engine.getPrimaryResult().getStatistics().getMean();
            double baselinePerSecond = 1e6 / baseline.getPrimaryResult().getStatistics().getMean();
            boolean target = hosts.equals("100000");
            row("(a) placements/s @ " + hosts + " hosts", String.format("%,.0f", perSecond),
                    String.format("%,.0f exhaustive", baselinePerSecond), ratio(perSecond / baselinePerSecond),
                    target ? "≥ 100,000/s" : "", target ? pass(perSecond >= 100_000) : "");
            double p99 = p(engine, 99);
            row("(a) placement p99 @ " + hosts + " hosts", micros(p99), micros(p(baseline, 99)) + " exhaustive",
                    ratio(p(baseline, 99) / p99) + " faster", target ? "≤ 100 µs" : "", target ? pass(p99 <= 100) : "");
        }
    }

    private void search() throws RunnerException {
        Collection<RunResult> results = new Runner(options(SearchBenchmark.class).build()).run();
        System.out.println("PostgreSQL baseline: loading the same 100,000-host market…");
        InventorySnapshot snapshot = InventorySnapshot.of(new MarketGenerator(42).hosts(100_000));
        StringBuilder why = new StringBuilder();
        Optional<Map<String, PostgresSearchBaseline.Timings>> postgres =
                PostgresSearchBaseline.run(snapshot, quick ? 200 : 2000, why);
        OfferSearch search = new OfferSearch();
        for (int i = 0; i < SearchQueries.ALL.size(); i++) {
            SearchQueries query = SearchQueries.ALL.get(i);
            RunResult top = find(results, "searchTop", "query", String.valueOf(i));
            RunResult full = find(results, "search", "query", String.valueOf(i));
            if (top == null || full == null) {
                continue;
            }
            List<String> engineIds = search.searchTop(snapshot, query.engine()).offers().stream()
                    .map(o -> o.hostId()).toList();
            String name = "(b) search \"" + query.name() + "\" @ 100k";
            String measured = "p50 " + micros(p(top, 50)) + " / p99 " + micros(p(top, 99));
            if (postgres.isEmpty()) {
                row(name, measured, "unavailable: " + why, "", "p99 ≤ 5 ms, ≥ 10× PostgreSQL", pass(p(top, 99) <= 5_000));
            } else {
                PostgresSearchBaseline.Timings pg = postgres.get().get(query.name());
                row(name + ", tailored index", measured, postgres(pg.tailored(), engineIds),
                        ratio(pg.tailored().p99Micros() / p(top, 99)) + " faster", "p99 ≤ 5 ms, ≥ 10× PostgreSQL",
                        pass(p(top, 99) <= 5_000 && pg.tailored().p99Micros() / p(top, 99) >= 10));
                row(name + ", general indexes", measured, postgres(pg.general(), engineIds),
                        ratio(pg.general().p99Micros() / p(top, 99)) + " faster", "≥ 10× PostgreSQL",
                        pass(pg.general().p99Micros() / p(top, 99) >= 10));
            }
            RunResult cached = find(results, "searchCached", "query", String.valueOf(i));
            if (cached != null && postgres.isPresent()) {
                PostgresSearchBaseline.Timing pg = postgres.get().get(query.name()).tailored();
                row(name + ", repeated (cached), tailored index",
                        "p50 " + micros(p(cached, 50)) + " / p99 " + micros(p(cached, 99)),
                        postgres(pg, engineIds), ratio(pg.p99Micros() / p(cached, 99)) + " faster",
                        "reference (warm repeat)", "");
            }
            row(name + ", full scan (exact count)", "p50 " + micros(p(full, 50)) + " / p99 " + micros(p(full, 99)),
                    "searchTop above", ratio(p(full, 99) / p(top, 99)) + " slower", "reference", "");
        }
    }

    private static String postgres(PostgresSearchBaseline.Timing pg, List<String> engineIds) {
        return String.format("PostgreSQL p50 %s / p99 %s%s", micros(pg.p50Micros()), micros(pg.p99Micros()),
                engineIds.equals(pg.firstIds()) ? " (same results)" : " (results differ!)");
    }

    private void timefold() {
        MarketGenerator generator = new MarketGenerator(7);
        var hosts = generator.hosts(2_000);
        int freeGpus = hosts.stream().mapToInt(h -> h.freeGpuCount()).sum();
        var requests = new ArrayList<dev.assay.matching.placement.PlacementRequest>();
        int asked = 0;
        for (var request : generator.requests(20_000)) {
            if (asked + request.gpuCount() > freeGpus * 0.65) {
                break;
            }
            requests.add(request);
            asked += request.gpuCount();
        }
        int seconds = quick ? Math.min(5, solverSeconds) : solverSeconds;
        System.out.printf("Timefold baseline: %d pods asking %d of %d free GPUs on 2,000 hosts; solver runs %d s…%n",
                requests.size(), asked, freeGpus, seconds);
        TimefoldBaseline.Outcome outcome = TimefoldBaseline.run(hosts, requests, Duration.ofSeconds(seconds));
        BatchCost timefold = outcome.timefold();
        // Unplaced pods carry the same fixed penalty on both sides; the price of the pods placed is what differs.
        // The price-only greedy has Timefold's objective (the target row); the standard value-first greedy
        // deliberately pays more for faster, more reliable GPUs (shown for reference).
        String baseline = String.format("Timefold placed $%,.2f/h, %d unplaced, hard %d, %.0f s",
                timefold.placedMicrosPerHour() / 1e6, timefold.unplaced(), outcome.timefoldHardScore(),
                outcome.timefoldSeconds());
        BatchCost priceGreedy = outcome.priceGreedy();
        double priceRatio = priceGreedy.placedMicrosPerHour() / (double) timefold.placedMicrosPerHour();
        row("(c) batch cost, price-only greedy vs Timefold @ 2k hosts",
                String.format("placed $%,.2f/h, %d unplaced, %.2f s", priceGreedy.placedMicrosPerHour() / 1e6,
                        priceGreedy.unplaced(), outcome.priceGreedySeconds()),
                baseline,
                String.format("%.3f× placed cost (%.3f× with penalties)", priceRatio,
                        priceGreedy.totalMicrosPerHour() / (double) timefold.totalMicrosPerHour()), "≤ 1.05×",
                pass(priceGreedy.unplaced() <= timefold.unplaced() && priceRatio <= 1.05
                        && outcome.timefoldHardScore() == 0));
        BatchCost greedy = outcome.greedy();
        row("(c) batch cost, value-first greedy (standard) vs Timefold",
                String.format("placed $%,.2f/h, %d unplaced, %.2f s", greedy.placedMicrosPerHour() / 1e6,
                        greedy.unplaced(), outcome.greedySeconds()),
                baseline,
                String.format("%.3f× placed cost (%.3f× with penalties)",
                        greedy.placedMicrosPerHour() / (double) timefold.placedMicrosPerHour(),
                        greedy.totalMicrosPerHour() / (double) timefold.totalMicrosPerHour()),
                "reference", "");
    }

    /**
     * JMH options for one benchmark class: ours (forks 1, warmup 2 × 2 s, measurement 3 × 3 s; shorter with
     * {@code --quick}) unless the command line gave JMH's own option for it ({@code -f}, {@code -wi},
     * {@code -w}, {@code -i}, {@code -r}); any other JMH option ({@code -p hosts=100000}, {@code -prof gc}...)
     * is passed through as given.
     */
    private ChainedOptionsBuilder options(Class<?> benchmark) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(jmh)
                .include(benchmark.getName() + "\\.")
                .jvmArgsAppend("--sun-misc-unsafe-memory-access=allow", "-Xmx4g")
                .shouldFailOnError(true);
        if (!jmh.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            options.warmupIterations(quick ? 1 : 2);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(quick ? 1 : 2));
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            options.measurementIterations(quick ? 2 : 3);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(quick ? 1 : 3));
        }
        return options;
    }

    private static RunResult find(Collection<RunResult> results, String method, String param, String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> value.equals(r.getParams().getParam(param)))
                .findFirst().orElse(null);
    }

    private static double p(RunResult result, double percentile) {
        return result.getPrimaryResult().getStatistics().getPercentile(percentile);
    }

    private void row(String... cells) {
        rows.add(cells);
    }

    private void print() {
        String[] header = {"figure", "measured", "baseline (same run)", "ratio", "target", "met"};
        int[] widths = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        System.out.println();
        for (String[] row : all) {
            StringBuilder line = new StringBuilder("| ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s | ", row[i]));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private static String micros(double value) {
        return value >= 1000 ? String.format("%.2f ms", value / 1000) : String.format("%.1f µs", value);
    }

    /** Two significant digits below 1 (0.023×), one decimal above: a ratio far below 1 must not print as 0.0×. */
    private static String ratio(double value) {
        return value < 1 ? String.format("%.2g×", value) : String.format("%.1f×", value);
    }

    private static String pass(boolean met) {
        return met ? "yes" : "NO";
    }
}
