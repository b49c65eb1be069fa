package dev.assay.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A real Lettuce round trip against a real Redis. */
class RedisIntegrationTest {

    @Test
    void lettuceWritesAndReadsBackWithATimeToLive() {
        RedisClient client = RedisClient.create(TestServices.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            String key = "assay:test:" + UUID.randomUUID();

            redis.set(key, "host-42@instance-a", SetArgs.Builder.ex(30));

            assertThat(redis.get(key)).isEqualTo("host-42@instance-a");
            assertThat(redis.ttl(key)).isBetween(1L, 30L);
            assertThat(redis.del(key)).isEqualTo(1L);
        } finally {
            client.shutdown();
        }
    }
}
