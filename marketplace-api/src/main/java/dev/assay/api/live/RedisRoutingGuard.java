package dev.assay.api.live;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Routing needs Redis: a PING through {@link RedisLink} (fails at once while its breaker is open, else within its
 * time limit) before the write.
 */
@Singleton
@Requires(property = "redis.uri")
class RedisRoutingGuard implements RoutingGuard {

    private final RedisLink redis;

    RedisRoutingGuard(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public void requireRouting(String what) {
        redis.call(what, c -> c.ping());
    }
}
