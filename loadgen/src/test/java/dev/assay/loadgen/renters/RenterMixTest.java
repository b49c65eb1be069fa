package dev.assay.loadgen.renters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RenterMixTest {

    @Test
    void theDefaultMixReadsAsItsWeights() {
        RenterMix mix = RenterMix.parse(RenterMix.DEFAULT);

        assertThat(mix.weight(RenterOperation.SEARCH)).isEqualTo(70);
        assertThat(mix.weight(RenterOperation.OFFER)).isEqualTo(10);
        assertThat(mix.weight(RenterOperation.CREATE_POD)).isEqualTo(8);
        assertThat(mix.weight(RenterOperation.STOP_POD)).isEqualTo(7);
        assertThat(mix.weight(RenterOperation.BID)).isEqualTo(5);
        assertThat(mix.hasPaidOperations()).isTrue();
        assertThat(mix).hasToString(RenterMix.DEFAULT);
    }

    @Test
    void drawsFollowTheWeights() {
        RenterMix mix = RenterMix.parse(RenterMix.DEFAULT);
        SplittableRandom random = new SplittableRandom(1);
        Map<RenterOperation, Integer> drawn = new EnumMap<>(RenterOperation.class);
        for (int i = 0; i < 100_000; i++) {
            drawn.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(drawn.get(RenterOperation.SEARCH)).isBetween(69_000, 71_000);
        assertThat(drawn.get(RenterOperation.BID)).isBetween(4_500, 5_500);
        assertThat(drawn.get(RenterOperation.STOP_POD)).isBetween(6_500, 7_500);
    }

    @Test
    void aSearchOnlyMixOnlySearches() {
        RenterMix mix = RenterMix.parse("search=1");
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1000; i++) {
            assertThat(mix.pick(random)).isEqualTo(RenterOperation.SEARCH);
        }
        assertThat(mix.hasPaidOperations()).isFalse();
        assertThat(mix.needsKnownOffers()).isFalse();
    }

    @Test
    void spacesAndCaseAreForgiven() {
        RenterMix mix = RenterMix.parse(" Search = 3 , offer=1");
        assertThat(mix.weight(RenterOperation.SEARCH)).isEqualTo(3);
        assertThat(mix.weight(RenterOperation.OFFER)).isEqualTo(1);
    }

    @Test
    void withoutCreditOnlyTheLookingIsLeft() {
        RenterMix free = RenterMix.parse(RenterMix.DEFAULT).withoutPaidOperations();

        assertThat(free).hasToString("search=70,offer=10");
        assertThat(free.hasPaidOperations()).isFalse();
        assertThatThrownBy(() -> RenterMix.parse("create_pod=5,bid=5").withoutPaidOperations())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--operator-key");
    }

    @Test
    void badMixesAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> RenterMix.parse("serch=70"))
                .hasMessage("--mix: unknown operation 'serch'; expected one of search, offer, create_pod, stop_pod, bid");
        assertThatThrownBy(() -> RenterMix.parse("search"))
                .hasMessageContaining("'search' is not name=weight");
        assertThatThrownBy(() -> RenterMix.parse("search=lots"))
                .hasMessageContaining("the weight of search must be a whole number, was 'lots'");
        assertThatThrownBy(() -> RenterMix.parse("search=-1"))
                .hasMessageContaining("the weight of search must be 0..1000000, was -1");
        assertThatThrownBy(() -> RenterMix.parse("search=1,search=2"))
                .hasMessageContaining("search is given twice");
        assertThatThrownBy(() -> RenterMix.parse("search=0,offer=0"))
                .hasMessageContaining("every weight is 0");
        assertThatThrownBy(() -> RenterMix.parse("search=70,"))
                .hasMessageContaining("'' is not name=weight");
        assertThatThrownBy(() -> RenterMix.parse(" "))
                .hasMessageContaining("--mix is empty");
    }
}
