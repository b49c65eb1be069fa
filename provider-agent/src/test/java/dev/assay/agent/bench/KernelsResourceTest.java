package dev.assay.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KernelsResourceTest {

    /** The suite looks these entries up by name; a renamed kernel would only fail on a GPU host. */
    @Test
    void theShippedPtxDefinesEveryKernelTheSuiteLaunches() throws IOException {
        String ptx;
        try (InputStream in = Kernels.class.getResourceAsStream(Kernels.RESOURCE)) {
            assertThat(in).isNotNull();
            ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(ptx).contains(".target sm_80")
                .contains(".visible .entry fma_f32(", ".visible .entry triad_f32(",
                        ".visible .entry mma_bf16(", ".visible .entry mma_s8(")
                .contains("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32")
                .contains("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32")
                .doesNotContain("${"); // Maven resource filtering must leave the PTX alone
    }
}
