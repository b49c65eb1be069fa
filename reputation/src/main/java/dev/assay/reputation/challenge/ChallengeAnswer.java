package dev.assay.reputation.challenge;

import java.time.Duration;
import java.util.Objects;

/**
 * The host's first reply: its commitment to C and how long it says the work took.
 *
 * @param root the Merkle root over C's row hashes
 * @param elapsed the host's own measure of the time from receiving the challenge to having the root;
 *     the verifier believes it only when it makes the host slower (see {@link ChallengeVerifier})
 */
public record ChallengeAnswer(Digest root, Duration elapsed) {

    public ChallengeAnswer {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, was " + elapsed);
        }
    }
}
