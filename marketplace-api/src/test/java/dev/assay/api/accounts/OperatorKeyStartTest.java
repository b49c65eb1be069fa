package dev.assay.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorKeyStartTest {

    @Test
    void aShortOperatorKeyStopsTheStartWithAMessageNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("grpc.server.enabled", false,
                "assay.operator-key", "too-short"), "test").close())
                .rootCause().hasMessageContaining("assay.operator-key (ASSAY_OPERATOR_KEY) must be at least 32")
                .hasMessageContaining("it has 9");
    }

    @Test
    void aLongEnoughKeyStartsAndIsKnown() {
        String key = "k".repeat(OperatorKey.MIN_CHARS);
        try (ApplicationContext context = ApplicationContext.run(Map.of("grpc.server.enabled", false,
                "assay.operator-key", key), "test")) {
            OperatorKey operator = context.getBean(OperatorKey.class);
            assertThat(operator.configured()).isTrue();
            assertThat(operator.matches(key)).isTrue();
            assertThat(operator.matches(key + "x")).isFalse();
        }
    }
}
