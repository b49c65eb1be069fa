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
 */
public record SwarmOptions(Optional<Path> bareCa, int podRounds, int podHosts, int enrollParallelism,
        int connectParallelism) {

    public SwarmOptions {
        if (podRounds < 0 || podHosts < 1 || enrollParallelism < 1 || connectParallelism < 1) {
            throw new IllegalArgumentException("--pod-rounds must be 0 or more; --pod-hosts, --enroll-parallelism and"
                    + " --connect-parallelism at least 1");
        }
        if (podRounds > 0 && bareCa.isPresent()) {
            throw new IllegalArgumentException("--pod-rounds needs the marketplace: the bare server places no pods");
        }
    }

    /** The defaults: the marketplace, no pods. */
    public static SwarmOptions defaults() {
        return new SwarmOptions(Optional.empty(), 0, 4, 8, 64);
    }
}
