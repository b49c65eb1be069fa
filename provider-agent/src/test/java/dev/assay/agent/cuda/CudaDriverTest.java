package dev.assay.agent.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CudaDriverTest {

    @Test
    void aMissingDriverLibraryIsEmptyNotAnError() {
        assertThat(CudaDriver.open("libcuda-absent.so.1")).isEmpty();
    }
}
