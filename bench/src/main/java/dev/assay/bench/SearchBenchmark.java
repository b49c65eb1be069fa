package dev.assay.bench;

import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.search.OfferQuery;
import dev.assay.matching.search.OfferQueryParser;
import dev.assay.matching.search.OfferSearch;
import dev.assay.matching.search.SearchResult;
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
 * (b) Offer search at 100 k hosts for typical queries ({@link SearchQueries}), parse included. The
 * PostgreSQL baseline of the same queries on the same data is {@link PostgresSearchBaseline}.
 * Run: {@code ./assay bench --only search}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class SearchBenchmark {

    @Param({"0", "1", "2", "3"})
    int query;

    @Param({"100000"})
    int hosts;

    private InventorySnapshot snapshot;
    private String text;
    private final OfferSearch search = new OfferSearch();

    @Setup
    public void setUp() {
        snapshot = InventorySnapshot.of(new MarketGenerator(42).hosts(hosts));
        text = SearchQueries.ALL.get(query).engine();
    }

    /** Every host read: the exact count of matches (what the API's total shows). */
    @Benchmark
    public SearchResult search() {
        OfferQuery parsed = OfferQueryParser.parse(text);
        return search.search(snapshot, parsed);
    }

    /** Rows sorted by the first key, stopped once no later host can beat the k-th: the same offers. */
    @Benchmark
    public SearchResult searchTop() {
        OfferQuery parsed = OfferQueryParser.parse(text);
        return search.searchTop(snapshot, parsed);
    }

    /**
     * The same query asked again on an unchanged snapshot: answered from the snapshot's memory
     * ({@code searchCached}); the text is still parsed each time. Not a cold-query figure.
     */
    @Benchmark
    public SearchResult searchCached() {
        OfferQuery parsed = OfferQueryParser.parse(text);
        return search.searchCached(snapshot, parsed);
    }
}
