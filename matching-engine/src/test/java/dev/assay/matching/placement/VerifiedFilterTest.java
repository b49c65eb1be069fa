package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.VerificationState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifiedFilterTest {

    private final PlacementFilter filter = new VerifiedFilter();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("not required: unverified passes", false, VerificationState.UNVERIFIED, true),
                Arguments.of("not required: deverified passes", false, VerificationState.DEVERIFIED, true),
                Arguments.of("required: verified passes", true, VerificationState.VERIFIED, true),
                Arguments.of("required: unverified fails", true, VerificationState.UNVERIFIED, false),
                Arguments.of("required: deverified fails", true, VerificationState.DEVERIFIED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void requires_verification_only_when_asked(String behaviour, boolean required, VerificationState state, boolean accepted) {
        PlacementRequest.Builder request = PlacementRequest.forGpus(1);
        if (required) {
            request.requireVerified();
        }
        assertThat(filter.accepts(request.build(), host("h").verification(state).build())).isEqualTo(accepted);
    }

    @Test
    void explains() {
        assertThat(filter.explain(PlacementRequest.forGpus(1).requireVerified().build(), 1)).isEqualTo("1 is not verified");
    }
}
