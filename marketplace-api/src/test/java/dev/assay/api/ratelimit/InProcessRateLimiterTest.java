package dev.assay.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Token-bucket arithmetic on the in-process limiter, with a clock moved by hand. */
class InProcessRateLimiterTest {

    private final MovableRateLimitClock clock = new MovableRateLimitClock();

    private InProcessRateLimiter limiter(double perSecond, long burst) {
        return new InProcessRateLimiter(new RateLimit(perSecond, burst), clock);
    }

    @Test
    void aFreshKeyMayTakeItsWholeBurstThenIsRefusedForOneSecond() {
        InProcessRateLimiter limiter = limiter(1, 3);

        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(2));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(1));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Refused(1));
    }

    @Test
    void tokensRefillContinuouslyNotInSteps() {
        InProcessRateLimiter limiter = limiter(2, 2); // a token every 500 ms
        limiter.take("key_a");
        limiter.take("key_a");

        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.take("key_a")).isInstanceOf(RateDecision.Refused.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
        clock.advance(Duration.ofMillis(250));
        assertThat(limiter.take("key_a")).isInstanceOf(RateDecision.Refused.class);
        clock.advance(Duration.ofMillis(250));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
    }

    @Test
    void aQuietKeyRefillsUpToItsBurstAndNoFurther() {
        InProcessRateLimiter limiter = limiter(10, 4);
        for (int i = 0; i < 4; i++) {
            limiter.take("key_a");
        }

        clock.advance(Duration.ofHours(1));

        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(3));
        limiter.take("key_a");
        limiter.take("key_a");
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
        assertThat(limiter.take("key_a")).isInstanceOf(RateDecision.Refused.class);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilATokenIsBackRoundedUp() {
        InProcessRateLimiter limiter = limiter(0.25, 1); // a token every 4 s
        limiter.take("key_a");

        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Refused(4));
        clock.advance(Duration.ofMillis(1_500));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Refused(3)); // 2.5 s left
        clock.advance(Duration.ofMillis(2_499));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Refused(1)); // 1 ms left: never 0
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
    }

    @Test
    void aRefusedRequestTakesNothingSoItDoesNotPushTheRetryBack() {
        InProcessRateLimiter limiter = limiter(1, 1);
        limiter.take("key_a");
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Refused(1));
        }

        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        InProcessRateLimiter limiter = limiter(1, 1);
        limiter.take("key_a");

        assertThat(limiter.take("key_a")).isInstanceOf(RateDecision.Refused.class);
        assertThat(limiter.take("key_b")).isEqualTo(new RateDecision.Allowed(0));
    }

    @Test
    void aClockThatGoesBackMintsNoTokens() {
        InProcessRateLimiter limiter = limiter(1, 1);
        clock.advance(Duration.ofSeconds(10));
        limiter.take("key_a");

        clock.advance(Duration.ofSeconds(-5));
        assertThat(limiter.take("key_a")).isInstanceOf(RateDecision.Refused.class);
        clock.advance(Duration.ofSeconds(5)); // back where the bucket was emptied: still no time has passed
        assertThat(limiter.take("key_a")).isInstanceOf(RateDecision.Refused.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.take("key_a")).isEqualTo(new RateDecision.Allowed(0));
    }

    @Test
    void concurrentRequestsOfOneKeyNeverTakeTheSameTokenTwice() throws Exception {
        InProcessRateLimiter limiter = limiter(1, 500); // the clock stands still: exactly 500 tokens
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(() -> {
                    int allowed = 0;
                    for (int i = 0; i < 100; i++) {
                        allowed += limiter.take("key_a") instanceof RateDecision.Allowed ? 1 : 0;
                    }
                    return allowed;
                });
            }
            int allowed = 0;
            for (Future<Integer> f : pool.invokeAll(work)) {
                allowed += f.get();
            }
            assertThat(allowed).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBucketsAreBoundedAndFullOnesAreForgottenFirst() {
        InProcessRateLimiter limiter = new InProcessRateLimiter(new RateLimit(1, 2), clock, 10);
        for (int i = 0; i < 5; i++) {
            limiter.take("idle_" + i);
        }
        clock.advance(Duration.ofSeconds(1)); // the idle buckets are full again
        for (int i = 0; i < 5; i++) {
            limiter.take("busy_" + i);
            limiter.take("busy_" + i); // empty
        }
        assertThat(limiter.size()).isEqualTo(10);

        limiter.take("newcomer");

        assertThat(limiter.size()).isEqualTo(6);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.take("busy_" + i)).as("busy_" + i + " is remembered")
                    .isInstanceOf(RateDecision.Refused.class);
        }
    }

    @Test
    void theBoundHoldsEvenWhenEveryBucketIsInUse() {
        InProcessRateLimiter limiter = new InProcessRateLimiter(new RateLimit(1, 5), clock, 100);
        for (int i = 0; i < 1_000; i++) {
            limiter.take("key_" + i);
            assertThat(limiter.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void aLimitWithoutTokensOrRateIsRefusedAtStart() {
        assertThatThrownBy(() -> new RateLimit(0, 10)).hasMessageContaining("assay.rate-limit.per-second");
        assertThatThrownBy(() -> new RateLimit(Double.NaN, 10)).hasMessageContaining("assay.rate-limit.per-second");
        assertThatThrownBy(() -> new RateLimit(1, 0)).hasMessageContaining("assay.rate-limit.burst");
        assertThat(new RateLimit(20, 40).describe()).isEqualTo("40 at once, then 20 per second");
        assertThat(new RateLimit(0.5, 1).describe()).isEqualTo("1 at once, then 0.5 per second");
    }
}
