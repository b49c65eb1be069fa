package dev.assay.api.live;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances talk over Redis pub/sub: each subscribes to {@code assay:bus:<its id>} and {@code assay:bus:all}; a
 * message is {@code topic|sender|payload}. Lettuce re-subscribes after a reconnect, so the bus heals by itself
 * when Redis returns; what was published meanwhile is lost (see {@link PeerBus}). Listeners run on a virtual
 * thread each, never on Lettuce's event loop.
 */
@Singleton
@Requires(property = "redis.uri")
class RedisPeerBus implements PeerBus, ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPeerBus.class);
    static final String ALL = "assay:bus:all";

    private final InstanceId self;
    private final RedisLink redis;
    private final Map<String, List<BiConsumer<String, String>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;

    RedisPeerBus(InstanceId self, RedisLink redis, RedisClient client) {
        this.self = self;
        this.redis = redis;
        // In the background: an instance starts while Redis is down, and subscribes once it is there. After that
        // Lettuce reconnects and re-subscribes by itself.
        Thread.ofVirtual().name("peer-bus-subscribe").start(() -> subscribe(client));
    }

    private void subscribe(RedisClient client) {
        for (int attempt = 1; !closed; attempt++) {
            try {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        handlers.execute(() -> dispatch(message));
                    }
                });
                connection.sync().subscribe(channel(self.value()), ALL);
                subscription = connection;
                LOG.info("event=peer_bus_subscribed instance={} attempt={}", self.value(), attempt);
                return;
            } catch (RuntimeException e) {
                LOG.warn("event=peer_bus_unavailable attempt={} why=\"{}\"", attempt, e.getMessage());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    static String channel(String instanceId) {
        return "assay:bus:" + instanceId;
    }

    @Override
    public void send(String instanceId, String topic, String payload) {
        redis.call("routing to instance " + instanceId,
                c -> c.publish(channel(instanceId), topic + "|" + self.value() + "|" + payload));
    }

    @Override
    public void broadcast(String topic, String payload) {
        redis.call("broadcast " + topic, c -> c.publish(ALL, topic + "|" + self.value() + "|" + payload));
    }

    @Override
    public void listen(String topic, BiConsumer<String, String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    private void dispatch(String message) {
        int first = message.indexOf('|');
        int second = first < 0 ? -1 : message.indexOf('|', first + 1);
        if (second < 0) {
            LOG.warn("event=peer_message_malformed length={}", message.length());
            return;
        }
        String topic = message.substring(0, first);
        String sender = message.substring(first + 1, second);
        if (sender.equals(self.value())) {
            return; // our own broadcast
        }
        String payload = message.substring(second + 1);
        for (BiConsumer<String, String> listener : listeners.getOrDefault(topic, List.of())) {
            try {
                listener.accept(sender, payload);
            } catch (RuntimeException e) {
                LOG.warn("event=peer_message_failed topic={} from={}", topic, sender, e);
            }
        }
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        closed = true;
        var connection = subscription;
        if (connection != null) {
            connection.closeAsync();
        }
        handlers.shutdown();
    }
}
