package dev.assay.api.ratelimit;

import dev.assay.api.live.LiveStateUnavailable;
import dev.assay.api.live.RedisLink;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buckets in Redis (prod), so every marketplace-api instance takes from the same bucket of a key.
 *
 * <p>One Lua script (ratelimit/token-bucket.lua) reads the bucket, refills it by the time elapsed on Redis's own
 * clock, takes a token and writes it back with an expiry of the time it needs to fill: Redis runs a script alone,
 * so two instances can never take the same token, and no instance's clock matters. It is sent by its SHA-1
 * (EVALSHA) and in full (EVAL) only when Redis does not know it yet, after a start or a flush.
 *
 * <p>With Redis unavailable (down, slow, breaker open) the request goes through unchecked: limiting protects,
 * it does not arbitrate, and search must keep answering. Each such request counts in
 * {@code assay.ratelimit.unavailable}; a warning is logged at most once a minute.
 */
@Singleton
@Requires(property = "redis.uri")
final class RedisRateLimiter implements RateLimiter {

    static final String SCRIPT_RESOURCE = "ratelimit/token-bucket.lua";
    static final String UNAVAILABLE_COUNTER = "assay.ratelimit.unavailable";
    private static final long LOG_EVERY_MICROS = 60_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final RedisLink redis;
    private final RateLimit limit;
    private final RateLimitClock clock;
    private final String keyPrefix;
    private final String script;
    private final String scriptSha;
    private final String[] args;
    private final Counter unavailable;
    private final AtomicLong nextWarningMicros = new AtomicLong(Long.MIN_VALUE);

    RedisRateLimiter(RedisLink redis, RateLimit limit, RateLimitClock clock, MeterRegistry meters,
            @Value("${assay.rate-limit.redis-key-prefix:assay:ratelimit:}") String keyPrefix) {
        this.redis = redis;
        this.limit = limit;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
        this.script = loadScript();
        this.scriptSha = sha1Hex(script);
        this.args = new String[] {Double.toString(limit.perSecond()), Long.toString(limit.burst())};
        this.unavailable = Counter.builder(UNAVAILABLE_COUNTER)
                .description("Requests let through unchecked because Redis, which holds the rate-limit buckets, was unavailable")
                .register(meters);
    }

    @Override
    public RateDecision take(String apiKeyId) {
        List<Object> answer;
        try {
            answer = run(new String[] {keyPrefix + apiKeyId});
        } catch (LiveStateUnavailable e) {
            return failOpen(e);
        }
        boolean allowed = ((Long) answer.get(0)) == 1L;
        if (allowed) {
            return new RateDecision.Allowed((Long) answer.get(1));
        }
        long waitMicros = (Long) answer.get(2);
        return new RateDecision.Refused(Math.max(1L, Math.ceilDiv(waitMicros, 1_000_000L)));
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    private List<Object> run(String[] keys) {
        try {
            return redis.call("rate limit", c -> c.<List<Object>>evalsha(scriptSha, ScriptOutputType.MULTI, keys, args));
        } catch (LiveStateUnavailable e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            // Redis restarted or its script cache was flushed: EVAL sends the script and caches it again. The
            // NOSCRIPT answer counts as one failure in RedisLink's breaker, far from the half of ten that opens it.
            return redis.call("rate limit", c -> c.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args));
        }
    }

    private RateDecision failOpen(LiveStateUnavailable e) {
        unavailable.increment();
        long now = clock.nowMicros();
        long next = nextWarningMicros.get();
        if (now >= next && nextWarningMicros.compareAndSet(next, now + LOG_EVERY_MICROS)) {
            LOG.warn("event=ratelimit_unchecked reason=\"{}\" requests go through unlimited while Redis is unavailable "
                    + "(counted in {}; logged at most once a minute)", rootReason(e), UNAVAILABLE_COUNTER);
        }
        return new RateDecision.Unchecked();
    }

    /** The innermost cause's message on one line (a bean-creation failure's message spans many). */
    private static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").replace('"', '\'');
    }

    private static String loadScript() {
        try (InputStream in = RedisRateLimiter.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT_RESOURCE, e);
        }
    }

    /** The digest EVALSHA names a script by: SHA-1 of its text, lower-case hex. */
    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
