/**
 * Per-API-key rate limiting: a token bucket per key ({@code assay.rate-limit.burst} deep, refilled continuously at
 * {@code assay.rate-limit.per-second}), applied to every authenticated {@code /v1/**} request; an empty bucket
 * answers 429 problem+json with {@code Retry-After}.
 *
 * <p>The port is {@link dev.assay.api.ratelimit.RateLimiter}; the embedded default keeps the buckets in process,
 * prod (with {@code redis.uri}) in Redis, shared by every instance. With Redis unavailable requests go through
 * unchecked (fail open). See docs/rate-limits.md.
 */
package dev.assay.api.ratelimit;
