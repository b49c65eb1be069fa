package dev.assay.matching.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The bitsets a walk ANDs never drop a row that passes the filter (results cannot depend on them), and are exact
 * wherever they say so (texts, true/false, versions, few-valued numbers), since the walk then skips the test.
 */
class FieldMasksTest {

    private static final List<String> FILTERS = List.of(
            "verified=true", "verified=false", "verified!=true", "tier=secure", "region!=eu-west",
            "geolocation in [DE,FR]", "geolocation notin [CN]", "geolocation=XX", "cuda_version>=12.4",
            "cuda_version<12.4", "cuda_version=12.2", "reliability>0.98", "reliability>=0.5", "reliability<0.2",
            "reliability<=0.75", "reliability=0.5", "reliability!=0.5", "min_bid in [0.5,0.6]", "gpu_ram>=40");

    /** Filters whose field has few readings: the bitsets hold exactly the passing rows. */
    private static final List<String> EXACT = List.of(
            "verified=true", "verified=false", "tier=secure", "region!=eu-west", "geolocation in [DE,FR]",
            "geolocation notin [CN]", "geolocation=XX", "cuda_version>=12.4", "cuda_version<12.4",
            "cuda_version=12.2", "gpu_ram>=40");

    @Property(tries = 200)
    void theBitsetsHoldEveryRowThatPassesAndExactlyThoseWhereReadingsAreFew(
            @ForAll @IntRange(min = 0, max = 2000) int hosts, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 18) int filterIndex) {
        List<Host> market = OfferSearchPropertiesTest.market(hosts, seed).stream()
                .filter(h -> h.gpuModel().equals("RTX_4090")).toList();
        OfferColumns columns = new OfferColumns(market);
        // A shuffled order of the rows with a free GPU, as SortedOffers keeps them.
        int[] order = IntStream.range(0, columns.size()).filter(i -> columns.freeGpus[i] > 0)
                .boxed().sorted((a, b) -> Integer.compare(Integer.rotateLeft(a * 0x9E3779B9, 7), Integer.rotateLeft(b * 0x9E3779B9, 7)))
                .mapToInt(Integer::intValue).toArray();
        String text = FILTERS.get(filterIndex);
        OfferQuery query = OfferQueryParser.parse(text);
        Filter filter = query.filters().getFirst();
        CompiledQuery compiled = new CompiledQuery(query, InventorySnapshot.of(market));
        FieldMasks.MaskFilter maskFilter = compiled.maskFilters().getFirst();

        List<FieldMasks.Term> terms = new ArrayList<>();
        boolean exact = FieldMasks.of(columns, order, filter.field()).addTerms(maskFilter, terms);

        BitSet kept = new BitSet();
        BitSet passing = new BitSet();
        for (int p = 0; p < order.length; p++) {
            boolean keep = true;
            for (FieldMasks.Term term : terms) {
                keep &= (term.word(p >>> 6) & (1L << p)) != 0;
            }
            kept.set(p, keep);
            passing.set(p, compiled.matches(columns, order[p], columns.freeGpus[order[p]]));
        }
        BitSet lost = (BitSet) passing.clone();
        lost.andNot(kept);
        assertThat(lost.cardinality()).as(text + ": passing rows the bitsets drop " + lost).isZero();
        if (EXACT.contains(text)) {
            assertThat(exact).as(text + " has few readings: its bitsets say they are exact").isTrue();
        }
        if (exact) {
            // The walk then skips the filter's test: the bitsets must hold no row that fails it.
            assertThat(kept).as(text).isEqualTo(passing);
        }
    }

    @Test
    void aNumberWithAtMostSixteenReadingsHasExactBitsetsAndOneWithMoreHasQuantiles() {
        assertThat(exactFor(FieldMasks.MAX_CUTS)).isTrue();
        assertThat(exactFor(FieldMasks.MAX_CUTS + 1)).isFalse();
    }

    /** Whether "reliability>=x" has exact bitsets in a model whose hosts read {@code readings} distinct values. */
    private static boolean exactFor(int readings) {
        SplittableRandom random = new SplittableRandom(7);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Host h = OfferSearchPropertiesTest.host("h" + i, "RTX_4090", 1, 1, "0.40", 1, random);
            hosts.add(new Host(h.id(), h.tier(), h.region(), h.datacenter(), h.geolocation(), h.verification(),
                    0.5 + (i % readings) / 100.0, h.uptime30d(), h.cpuCores(), h.ramGb(), h.diskGb(),
                    h.diskBandwidthMbps(), h.inetUpMbps(), h.inetDownMbps(), h.driverVersion(), h.cudaVersion(),
                    h.gpus(), h.free(), h.offer(), h.simulated()));
        }
        OfferColumns columns = new OfferColumns(hosts);
        int[] order = IntStream.range(0, columns.size()).filter(i -> columns.freeGpus[i] > 0).toArray();
        OfferQuery query = OfferQueryParser.parse("reliability>=0.55");
        FieldMasks.MaskFilter filter = new CompiledQuery(query, InventorySnapshot.of(hosts)).maskFilters().getFirst();
        return FieldMasks.of(columns, order, OfferField.RELIABILITY).addTerms(filter, new ArrayList<>());
    }
}
