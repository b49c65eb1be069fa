package dev.assay.agent.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@code nvidia-smi} and parses its CSV: the GPU inventory when NVML can't be bound. */
public final class NvidiaSmiProbe {

    private static final long TIMEOUT_SECONDS = 20;

    private NvidiaSmiProbe() {}

    /** The inventory, or empty when nvidia-smi is missing, fails or hangs. */
    public static Optional<GpuInventory> probe() {
        return probe("nvidia-smi");
    }

    static Optional<GpuInventory> probe(String command) {
        String csv;
        try {
            Process process = new ProcessBuilder(command, NvidiaSmiCsv.queryArgument(),
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Read before waiting: a full pipe would block nvidia-smi. Its output is a few hundred bytes a GPU.
            csv = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.of(GpuInventory.none("nvidia-smi exited with " + process.exitValue() + ": "
                        + csv.strip().lines().findFirst().orElse("")));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        List<GpuFacts> gpus = NvidiaSmiCsv.parse(csv);
        return Optional.of(gpus.isEmpty()
                ? GpuInventory.none("nvidia-smi lists no GPU")
                : new GpuInventory("nvidia-smi", NvidiaSmiCsv.driverVersion(csv), null, gpus, null));
    }
}
