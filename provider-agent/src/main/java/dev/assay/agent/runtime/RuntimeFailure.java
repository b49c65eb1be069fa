package dev.assay.agent.runtime;

/**
 * A pod could not be started or stopped. {@code hostCaused} is true when the host is at fault (engine down, GPU
 * missing, disk full), which lowers its reliability; false when the renter's request is (image not found).
 */
public final class RuntimeFailure extends Exception {

    private final boolean hostCaused;

    public RuntimeFailure(String message, boolean hostCaused) {
        super(message);
        this.hostCaused = hostCaused;
    }

    public RuntimeFailure(String message, boolean hostCaused, Throwable cause) {
        super(message, cause);
        this.hostCaused = hostCaused;
    }

    public boolean hostCaused() {
        return hostCaused;
    }
}
