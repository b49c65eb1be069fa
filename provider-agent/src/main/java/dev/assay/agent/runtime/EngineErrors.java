package dev.assay.agent.runtime;

import java.util.List;
import java.util.Locale;

/**
 * Whose fault an engine's error is, from what it printed. It matters: a host-caused failure lowers the host's
 * reliability, so a renter's typo in an image name must never count against the host.
 */
final class EngineErrors {

    /** The engine could not reach its daemon or itself failed: never the renter's doing, whatever else it says. */
    private static final List<String> ENGINE_DOWN = List.of("cannot connect to the docker daemon",
            "is the docker daemon running", "connection refused", "no space left on device", "permission denied");

    /** What registries answer for an image that does not exist or that the renter may not pull. */
    private static final List<String> RENTER_PULL = List.of("manifest unknown", "not found", "unauthorized",
            "pull access denied", "repository does not exist", "invalid reference format");

    /** The renter's command does not exist in their image (the OCI runtime's words). */
    private static final List<String> RENTER_RUN = List.of("executable file not found", "invalid reference format");

    private static final List<String> NO_SUCH_CONTAINER = List.of("no such container", "no such object",
            "no container with name or id");

    private EngineErrors() {}

    static boolean renterCausedPull(String stderr) {
        String text = stderr.toLowerCase(Locale.ROOT);
        return !containsAny(text, ENGINE_DOWN) && containsAny(text, RENTER_PULL);
    }

    static boolean renterCausedRun(String stderr) {
        String text = stderr.toLowerCase(Locale.ROOT);
        return !containsAny(text, ENGINE_DOWN) && containsAny(text, RENTER_RUN);
    }

    static boolean noSuchContainer(String stderr) {
        return containsAny(stderr.toLowerCase(Locale.ROOT), NO_SUCH_CONTAINER);
    }

    private static boolean containsAny(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }
}
