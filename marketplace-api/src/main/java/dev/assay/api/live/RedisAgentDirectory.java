package dev.assay.api.live;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent directory in Redis: {@code assay:agent:<host id>} holds the instance id, with a time-to-live of
 * {@code assay.agents.offline-after}; the holder renews it as heartbeats arrive. Releasing deletes the entry only if
 * it is still ours (compare and delete in one script), so an agent that already reconnected elsewhere keeps its
 * new entry.
 */
@Singleton
@Requires(property = "redis.uri")
class RedisAgentDirectory implements AgentDirectory {

    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('DEL', KEYS[1]) else return 0 end";

    static final int BATCH = 500;

    private final InstanceId self;
    private final RedisLink redis;
    private final Duration ttl;

    RedisAgentDirectory(InstanceId self, RedisLink redis,
            @Value("${assay.agents.offline-after:30s}") Duration ttl) {
        this.self = self;
        this.redis = redis;
        this.ttl = ttl;
    }

    static String key(String hostId) {
        return "assay:agent:" + hostId;
    }

    @Override
    public void holding(String hostId) {
        redis.call("agent directory", c -> c.set(key(hostId), self.value(), SetArgs.Builder.px(ttl.toMillis())));
    }

    @Override
    public void released(String hostId) {
        redis.call("agent directory", c -> c.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key(hostId)},
                self.value()));
    }

    /** Read in batches of {@value #BATCH} keys (one MGET each). */
    @Override
    public java.util.Map<String, String> holdersOf(java.util.List<String> hostIds) {
        java.util.Map<String, String> holders = new java.util.HashMap<>();
        for (int from = 0; from < hostIds.size(); from += BATCH) {
            java.util.List<String> batch = hostIds.subList(from, Math.min(hostIds.size(), from + BATCH));
            String[] keys = batch.stream().map(RedisAgentDirectory::key).toArray(String[]::new);
            var values = redis.call("agent directory", c -> c.mget(keys));
            for (int i = 0; i < batch.size(); i++) {
                if (values.get(i).hasValue()) {
                    holders.put(batch.get(i), values.get(i).getValue());
                }
            }
        }
        return holders;
    }

    @Override
    public Optional<String> holderOf(String hostId) {
        return Optional.ofNullable(redis.call("agent directory", c -> c.get(key(hostId))));
    }
}
