package dev.assay.reputation.challenge;

import java.time.Duration;

/**
 * The verifier's decision on one challenge. Only {@link Passed} verifies the host; every other case says
 * what was wrong, for the host's log and the console.
 */
public sealed interface ChallengeOutcome {

    /** True only for {@link Passed}. */
    default boolean passed() {
        return this instanceof Passed;
    }

    /**
     * Every opened row was committed to by the root and equals the row recomputed from the seed, in time.
     *
     * @param rowsChecked how many rows were recomputed
     * @param limit the time limit for the claimed SKU
     * @param took the time counted against it
     */
    record Passed(int rowsChecked, Duration limit, Duration took) implements ChallengeOutcome {}

    /** The answer came after the limit for the claimed SKU (checked first: it costs the verifier nothing). */
    record TooSlow(Duration limit, Duration took) implements ChallengeOutcome {}

    /** A requested row was not opened, or opened twice. */
    record MissingOpening(int row) implements ChallengeOutcome {}

    /** An opening is not a row of n values. */
    record MalformedOpening(int row, String why) implements ChallengeOutcome {}

    /** The row's proof does not lead to the committed root: the host changed C after committing. */
    record RootMismatch(int row) implements ChallengeOutcome {}

    /**
     * The row was committed to but is not the true product: the host did not compute C correctly.
     *
     * @param column the first wrong column
     * @param expected the true value of C there
     * @param reported what the host sent
     */
    record WrongRow(int row, int column, int expected, int reported) implements ChallengeOutcome {}
}
