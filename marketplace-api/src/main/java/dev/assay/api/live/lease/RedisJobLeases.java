package dev.assay.api.live.lease;

import dev.assay.api.live.InstanceId;
import dev.assay.api.live.LiveStateUnavailable;
import dev.assay.api.live.RedisLink;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in Redis, for many instances: {@code <prefix>:lease:<job>} holds the leader's {@link InstanceId} with a
 * time to live, {@code <prefix>:fence:<job>} the job's last fencing token.
 *
 * <p>One script decides atomically: the holder renews ({@code PEXPIRE}) and keeps its token; anyone else gets
 * nothing while the key lives; on a free key the caller takes it ({@code SET PX}) and the token counter moves
 * ({@code INCR}), only then. The counter is raised to Redis's own clock in milliseconds if it is below it, so that
 * tokens keep increasing after Redis lost its keys (a restart without persistence, as in CI): the database's
 * {@code job_fences} still holds the old tokens, and a counter restarting from 1 would be refused there forever.
 * A lease the holder lets lapse is simply taken by the next instance to ask; nothing releases it explicitly (a
 * leader that stops renewing is exactly the case to cover).
 */
@Singleton
@Requires(property = "redis.uri")
class RedisJobLeases implements JobLeases {

    private static final Logger LOG = LoggerFactory.getLogger(RedisJobLeases.class);

    /** KEYS: lease, fence. ARGV: holder, ttl ms. Answers the token, or -1 while someone else holds the lease. */
    static final String ACQUIRE = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              local token = redis.call('GET', KEYS[2])
              if token then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return tonumber(token)
              end
            elseif holder then
              return -1
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local token = redis.call('INCR', KEYS[2])
            local now = redis.call('TIME')
            local floor = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            if token < floor then
              redis.call('SET', KEYS[2], string.format('%d', floor))
              token = floor
            end
            return token
            """;

    private final RedisLink redis;
    private final String holder;
    private final Duration ttl;
    private final String keyPrefix;
    /** The token of each job this instance held at its last acquisition, to log when leadership changes. */
    private final ConcurrentMap<String, Long> heldTokens = new ConcurrentHashMap<>();

    @Inject
    RedisJobLeases(RedisLink redis, InstanceId instance, @Value("${assay.live.lease-ttl:30s}") Duration ttl,
            @Value("${assay.live.key-prefix:assay}") String keyPrefix) {
        this(redis, instance.value(), ttl, keyPrefix);
    }

    /** @param holder who asks: this instance's {@link InstanceId} (another one only in tests playing two) */
    RedisJobLeases(RedisLink redis, String holder, Duration ttl, String keyPrefix) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("assay.live.lease-ttl must be at least 1 ms, got " + ttl);
        }
        this.redis = redis;
        this.holder = holder;
        this.ttl = ttl;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Optional<Lease> acquire(String job) {
        JobLeases.requireJobName(job);
        String[] keys = {keyPrefix + ":lease:" + job, keyPrefix + ":fence:" + job};
        long token;
        try {
            token = redis.<Long>call("lease " + job, c -> c.eval(ACQUIRE, ScriptOutputType.INTEGER, keys,
                    holder, Long.toString(ttl.toMillis())));
        } catch (LiveStateUnavailable e) {
            // Nobody can know who leads: this instance does not, and the job skips this run.
            LOG.warn("event=lease_unknown job={} instance={} cause=\"{}\"", job, holder, e.getMessage());
            return Optional.empty();
        }
        if (token < 0) {
            if (heldTokens.remove(job) != null) {
                LOG.warn("event=lease_lost job={} instance={}", job, holder);
            }
            return Optional.empty();
        }
        Long before = heldTokens.put(job, token);
        if (before == null || before != token) {
            LOG.info("event=lease_acquired job={} instance={} token={}", job, holder, token);
        }
        return Optional.of(new Lease(job, holder, token));
    }
}
