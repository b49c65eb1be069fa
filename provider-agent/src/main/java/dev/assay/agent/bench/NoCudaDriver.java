package dev.assay.agent.bench;

/** Thrown when this machine has no CUDA driver or no CUDA device: a clear answer, not a defect. */
public final class NoCudaDriver extends RuntimeException {

    public NoCudaDriver(String message) {
        super(message);
    }
}
