package dev.assay.api.ratelimit;

/**
 * The rate-limiting port: one token bucket per API key, {@link RateLimit#burst()} tokens deep, refilled
 * continuously at {@link RateLimit#perSecond()}. Each authenticated request takes one token.
 *
 * <p>Contract: thread-safe; {@link #take} never throws for an unavailable store and never blocks for longer
 * than the store's time limit. An implementation whose store is unavailable answers
 * {@link RateDecision.Unchecked} (fail open): limiting protects the marketplace, it does not arbitrate, so it
 * must never be the reason a search goes unanswered.
 */
public interface RateLimiter {

    /**
     * Takes one token from the bucket of {@code apiKeyId}, creating a full bucket for a key not seen before.
     *
     * @param apiKeyId the API key's id ({@code key_…}, or {@code operator}); never null
     * @return {@link RateDecision.Allowed} with the tokens left, {@link RateDecision.Refused} with the whole
     *         seconds until a token is back, or {@link RateDecision.Unchecked} when the store cannot be reached
     */
    RateDecision take(String apiKeyId);

    /** The limit every bucket follows. */
    RateLimit limit();
}
