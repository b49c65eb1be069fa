package dev.assay.loadgen.agents;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the agents' side of a run is made, beyond the plan: where it connects (the marketplace, or a bare server
 * whose CA is in {@code bareCa}), how wide enrollment and connection go, and the pod rounds.
 *
 * @param bareCa            the bare server's CA certificate (PEM): enroll without tokens and trust it
 * @param podRounds         pods created end to end during the window (0: none)
 * @param podHosts          how many swarm agents act as pod hosts with a listed offer
 * @param enrollParallelism enrollments under way at once
 * @param connectParallelism Connect streams between Hello and Welcome at once
 * @param holdSeconds       seconds the connected agents heartbeat, unmeasured, before the window starts (for measuring
 *                          memory per agent with a forced GC that would otherwise pause the measured window)
 */
public record SwarmOptions(Optional<Path> bareCa, int podRounds, int podHosts, int enrollParallelism,
        int connectParallelism, int holdSeconds) {

    /** A bound, so a mistyped hold does not stall a run for hours. */
    static final int MAX_HOLD_SECONDS = 300;

    public SwarmOptions {
        if (podRounds < 0 || podHosts < 1 || enrollParallelism < 1 || connectParallelism < 1) {
            throw new IllegalArgumentException("--pod-rounds must be 0 or more; --pod-hosts, --enroll-parallelism and"
                    + " --connect-parallelism at least 1");
        }
        if (holdSeconds < 0 || holdSeconds > MAX_HOLD_SECONDS) {
            throw new IllegalArgumentException("--hold-seconds must be 0 to " + MAX_HOLD_SECONDS);
        }
        if (podRounds > 0 && bareCa.isPresent()) {
            throw new IllegalArgumentException("--pod-rounds needs the marketplace: the bare server places no pods");
        }
    }

    /** The defaults: the marketplace, no pods. */
    public static SwarmOptions defaults() {
        return new SwarmOptions(Optional.empty(), 0, 4, 8, 64, 0);
    }
}
