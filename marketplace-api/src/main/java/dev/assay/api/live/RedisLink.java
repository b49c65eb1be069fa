package dev.assay.api.live;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to Redis: every command with a time limit and behind a circuit breaker (Resilience4j), so that with
 * Redis down or slow a caller fails within {@code assay.live.redis-timeout} (or at once while the breaker is open)
 * with {@link LiveStateUnavailable}, never hangs, and service comes back by itself: the breaker half-opens after
 * {@code assay.live.breaker-open} and closes on the first successes, and Lettuce reconnects on its own.
 *
 * <p>Only in configurations with {@code redis.uri} (prod); the embedded default keeps live state in-process. The
 * connection is made lazily, so an instance starts even while Redis is down. Thread-safe.
 */
@Singleton
@Requires(property = "redis.uri")
public class RedisLink {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    RedisLink(BeanProvider<StatefulRedisConnection<String, String>> connection,
            @Value("${assay.live.redis-timeout:500ms}") Duration timeout,
            @Value("${assay.live.breaker-open:5s}") Duration breakerOpen) {
        this.connection = connection;
        this.timeout = timeout;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(breakerOpen)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(LiveStateUnavailable.class)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("event=redis_breaker from={} to={}",
                e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
    }

    /**
     * Runs one command and waits for its answer.
     *
     * @param what what it is for, in the failure's message ("rate limit", "agent directory"...)
     * @throws LiveStateUnavailable when Redis does not answer in time, fails, or the breaker is open
     */
    public <T> T call(String what, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        try {
            return breaker.executeCallable(() -> {
                try {
                    return command.apply(connection.get().async()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LiveStateUnavailable(what, e);
                } catch (ExecutionException e) {
                    throw new LiveStateUnavailable(what, e.getCause() == null ? e : e.getCause());
                } catch (TimeoutException e) {
                    throw new LiveStateUnavailable(what, new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
                } catch (RuntimeException e) {
                    throw e instanceof LiveStateUnavailable ? e : new LiveStateUnavailable(what, e);
                }
            });
        } catch (CallNotPermittedException open) {
            throw new LiveStateUnavailable(what, new IllegalStateException("circuit breaker open after recent failures"));
        } catch (LiveStateUnavailable e) {
            throw e;
        } catch (Exception e) {
            throw new LiveStateUnavailable(what, e);
        }
    }

    /** Whether calls go through now (the breaker is not open). */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }
}
