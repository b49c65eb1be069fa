package dev.assay.agent.bench;

import dev.assay.agent.cuda.CudaDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The suite's PTX module (resource {@code kernels/assay_bench.ptx}, or a file given on the command line). */
final class Kernels {

    static final String RESOURCE = "/kernels/assay_bench.ptx";

    private final CudaDriver cuda;
    private final MemorySegment module;
    private final String origin;

    private Kernels(CudaDriver cuda, MemorySegment module, String origin) {
        this.cuda = cuda;
        this.module = module;
        this.origin = origin;
    }

    static Kernels load(CudaDriver cuda, Path override) {
        String ptx;
        String origin;
        try {
            if (override != null) {
                ptx = Files.readString(override, StandardCharsets.US_ASCII);
                origin = override.toString();
            } else {
                try (InputStream in = Kernels.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("the agent jar lacks " + RESOURCE);
                    }
                    ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
                origin = "jar:" + RESOURCE;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Kernels(cuda, cuda.loadModule(ptx), origin);
    }

    MemorySegment function(String name) {
        return cuda.function(module, name);
    }

    String origin() {
        return origin;
    }
}
