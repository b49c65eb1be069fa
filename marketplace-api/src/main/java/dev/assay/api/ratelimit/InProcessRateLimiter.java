package dev.assay.api.ratelimit;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buckets in this process's memory: the embedded default, one instance, no Redis.
 *
 * <p>Each take is one atomic {@code compute} on the key's map entry, so concurrent requests of one key never
 * take the same token twice. The map is bounded ({@link #DEFAULT_MAX_BUCKETS}): when it is full, buckets that
 * have refilled to full are forgotten (a full bucket and a missing one answer the same); if every bucket is
 * still in use, a tenth of them are dropped at random and start full again. That can only let a key through
 * early, never refuse it, and needs more keys active within one fill time than the bound.
 */
@Singleton
@Requires(missingProperty = "redis.uri")
final class InProcessRateLimiter implements RateLimiter {

    static final int DEFAULT_MAX_BUCKETS = 100_000;

    private final RateLimit limit;
    private final RateLimitClock clock;
    private final int maxBuckets;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    InProcessRateLimiter(RateLimit limit, RateLimitClock clock) {
        this(limit, clock, DEFAULT_MAX_BUCKETS);
    }

    InProcessRateLimiter(RateLimit limit, RateLimitClock clock, int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1");
        }
        this.limit = limit;
        this.clock = clock;
        this.maxBuckets = maxBuckets;
    }

    @Override
    public RateDecision take(String apiKeyId) {
        long now = clock.nowMicros();
        if (buckets.size() >= maxBuckets && !buckets.containsKey(apiKeyId)) {
            makeRoom(now);
        }
        RateDecision[] decision = new RateDecision[1];
        buckets.compute(apiKeyId, (key, bucket) -> {
            TokenBucket.Taken taken = (bucket == null ? TokenBucket.full(limit, now) : bucket).take(limit, now);
            decision[0] = taken.decision();
            return taken.bucket();
        });
        return decision[0];
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    /** How many buckets are held now (for tests of the bound). */
    int size() {
        return buckets.size();
    }

    private void makeRoom(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().fullBy(limit, now));
        int excess = buckets.size() - (maxBuckets - Math.max(1, maxBuckets / 10));
        for (Iterator<String> keys = buckets.keySet().iterator(); excess > 0 && keys.hasNext(); excess--) {
            keys.next();
            keys.remove();
        }
    }
}
