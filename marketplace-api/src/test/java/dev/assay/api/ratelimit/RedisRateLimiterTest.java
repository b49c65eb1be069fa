package dev.assay.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.live.RedisLink;
import dev.assay.api.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis limiter against a real Redis: the bucket lives in Redis, so two limiters (two instances of the
 * marketplace) take from one bucket; refill follows Redis's clock; an idle bucket expires once it would be full.
 * Each test uses its own random key prefix.
 */
class RedisRateLimiterTest {

    private static ApplicationContext context;
    private static RedisLink link;
    private static RedisClient inspector;
    private static StatefulRedisConnection<String, String> inspection;

    @BeforeAll
    static void redis() {
        String uri = TestServices.redisUri();
        context = ApplicationContext.run(Map.of("redis.uri", uri), "test");
        link = context.getBean(RedisLink.class);
        inspector = RedisClient.create(uri);
        inspection = inspector.connect();
    }

    @AfterAll
    static void close() {
        if (inspection != null) {
            inspection.close();
            inspector.shutdown();
        }
        if (context != null) {
            context.close();
        }
    }

    private static String prefix() {
        return "assay:test:ratelimit:" + UUID.randomUUID() + ":";
    }

    private static RedisRateLimiter limiter(String prefix, double perSecond, long burst) {
        return new RedisRateLimiter(link, new RateLimit(perSecond, burst), new RateLimitClock(),
                new SimpleMeterRegistry(), prefix);
    }

    @Test
    void twoInstancesTakeFromOneBucketPerKey() {
        String prefix = prefix();
        RedisRateLimiter instanceA = limiter(prefix, 0.001, 4); // refills one token in 1000 s: not during the test
        RedisRateLimiter instanceB = limiter(prefix, 0.001, 4);

        assertThat(instanceA.take("key_a")).isEqualTo(new RateDecision.Allowed(3));
        assertThat(instanceB.take("key_a")).isEqualTo(new RateDecision.Allowed(2));
        assertThat(instanceA.take("key_a")).isEqualTo(new RateDecision.Allowed(1));
        assertThat(instanceB.take("key_a")).isEqualTo(new RateDecision.Allowed(0));

        RateDecision refusedA = instanceA.take("key_a");
        RateDecision refusedB = instanceB.take("key_a");
        assertThat(refusedA).isInstanceOfSatisfying(RateDecision.Refused.class,
                r -> assertThat(r.retryAfterSeconds()).isBetween(990L, 1000L));
        assertThat(refusedB).isInstanceOf(RateDecision.Refused.class);
        assertThat(instanceB.take("key_b")).as("another key has its own bucket").isEqualTo(new RateDecision.Allowed(3));
    }

    @Test
    void anEmptyBucketRefillsByRedisTime() throws InterruptedException {
        RedisRateLimiter limiter = limiter(prefix(), 10, 2); // a token every 100 ms
        limiter.take("key_a");
        limiter.take("key_a");
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Refused(1));

        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        RateDecision decision = limiter.take("key_a");
        while (!(decision instanceof RateDecision.Allowed) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            decision = limiter.take("key_a");
        }
        assertThat(decision).isEqualTo(new RateDecision.Allowed(0));
    }

    @Test
    void theBucketExpiresWhenItWouldBeFullAgain() {
        String prefix = prefix();
        RedisRateLimiter limiter = limiter(prefix, 1, 3);
        RedisCommands<String, String> redis = inspection.sync();

        limiter.take("key_a");
        long oneTakenMillis = redis.pttl(prefix + "key_a");
        limiter.take("key_a");
        limiter.take("key_a");
        long allTakenMillis = redis.pttl(prefix + "key_a");

        assertThat(oneTakenMillis).isBetween(1L, 1_000L);
        assertThat(allTakenMillis).isBetween(2_000L, 3_000L);
        assertThat(redis.hgetall(prefix + "key_a")).containsKeys("tokens", "at");
    }

    @Test
    void theScriptIsSentAgainWhenRedisHasForgottenIt() {
        RedisRateLimiter limiter = limiter(prefix(), 0.001, 2);
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(1));

        inspection.sync().scriptFlush();

        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
        assertThat(inspection.sync().scriptExists(RedisRateLimiter.sha1Hex(loadedScript()))).containsExactly(true);
    }

    private static String loadedScript() {
        try (var in = RedisRateLimiter.class.getClassLoader().getResourceAsStream(RedisRateLimiter.SCRIPT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
