package dev.assay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementLimits;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementPipelines;
import dev.assay.matching.placement.PlacementRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The baseline of benchmark (a) applies the engine's rules: on a market small enough for the engine's
 * pipeline to examine every host (at most 4,096 feasible), both choose the same host for every request.
 */
class ExhaustiveBaselinePlacerTest {

    @Test
    void choosesWhatTheEnginesPipelineChoosesWhenItLooksAtEveryHost() {
        MarketGenerator generator = new MarketGenerator(11);
        InventorySnapshot snapshot = InventorySnapshot.of(generator.hosts(2_000));
        PlacementPipeline everyHost = PlacementPipelines.standard(new PlacementLimits(4_096, Integer.MAX_VALUE));
        ExhaustiveBaselinePlacer baseline = new ExhaustiveBaselinePlacer();

        int placed = 0;
        int unplaced = 0;
        for (PlacementRequest request : generator.requests(400)) {
            PlacementDecision engine = everyHost.place(snapshot, request);
            Optional<ExhaustiveBaselinePlacer.Choice> choice = baseline.place(snapshot, request);
            if (engine instanceof PlacementDecision.Placed p) {
                placed++;
                assertThat(choice).as("request %s", request).isPresent();
                assertThat(choice.get().host().id()).as("request %s", request).isEqualTo(p.plan().hostId());
                assertThat(choice.get().pricePerHour()).isEqualTo(p.plan().pricePerHour());
                assertThat(choice.get().score()).isCloseTo(p.plan().score().total(),
                        org.assertj.core.data.Offset.offset(1e-12));
            } else {
                unplaced++;
                assertThat(choice).as("request %s", request).isEmpty();
            }
        }
        assertThat(placed).as("the comparison covers placements").isGreaterThan(100);
        assertThat(unplaced).as("and requests that fit nowhere").isPositive();
    }

    @Test
    void anEmptyMarketHasNoChoice() {
        assertThat(new ExhaustiveBaselinePlacer().place(InventorySnapshot.empty(), PlacementRequest.forGpus(1).build()))
                .isEmpty();
    }
}
