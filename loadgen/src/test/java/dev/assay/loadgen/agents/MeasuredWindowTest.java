package dev.assay.loadgen.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasuredWindowTest {

    @Test
    void coversOnlyWhatWasSentBetweenOpeningAndTheFirstClose() {
        MeasuredWindow window = new MeasuredWindow();
        assertThat(window.covers(5)).as("not opened yet").isFalse();

        window.open(10);
        assertThat(window.covers(9)).isFalse();
        assertThat(window.covers(10)).isTrue();
        assertThat(window.covers(1_000_000)).as("open until closed").isTrue();

        window.close(20);
        window.close(30);
        assertThat(window.covers(19)).isTrue();
        assertThat(window.covers(20)).isFalse();
        assertThat(window.covers(25)).as("the first close wins").isFalse();
    }
}
