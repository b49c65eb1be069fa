package dev.assay.api.agents;

import dev.assay.proto.agent.v1.Heartbeat;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agents connected to this instance, one stream per host: a second {@code Connect} for a host replaces the
 * first, whose stream is closed (an agent that reconnected after a network blip must not be talked to twice).
 * In-process for now; the live state moves to Redis with scale-out (issue [5]).
 */
@Singleton
class AgentSessions {

    /** A connected agent: its stream to write to and when it was last heard from. */
    static final class Session {
        final String id;
        final HostIdentity host;
        final StreamObserver<MarketplaceMessage> stream;
        final Instant connectedAt;
        volatile Instant lastHeard;
        volatile long lastHeartbeat = -1;
        /** What the agent said in Hello: the machine as it sees it (set once, before anything else is read). */
        volatile Hello hello;
        volatile int gpuCount;
        /** The latest heartbeat's readings (GPU telemetry, pods), for the host's owner. */
        volatile Heartbeat telemetry;
        /** Whether the machine's row exists (it is written from the first plausible report). */
        volatile boolean registered;
        /** When the next proof-of-GPU challenge is due; null until the machine is registered. */
        volatile Instant nextChallengeAt;
        /** When this instance last claimed the host in the agent directory. */
        volatile Instant claimedAt;
        /** The challenge under way; guarded by this session's monitor. */
        ChallengeRounds.Round challenge;
        /** Whether the stream to the agent was ended; guarded by {@code stream}. */
        private boolean ended;

        Session(String id, HostIdentity host, StreamObserver<MarketplaceMessage> stream, Instant now) {
            this.id = id;
            this.host = host;
            this.stream = stream;
            this.connectedAt = now;
            this.lastHeard = now;
        }

        /** Writes to the agent; false once the stream was ended (by either side, or by a newer session). */
        boolean send(MarketplaceMessage message) {
            synchronized (stream) {
                if (ended) {
                    return false;
                }
                stream.onNext(message);
                return true;
            }
        }

        /** Ends the stream to the agent, once: OK completes it, anything else fails it with that status. */
        void end(Status status) {
            synchronized (stream) {
                if (ended) {
                    return;
                }
                ended = true;
                if (status.isOk()) {
                    stream.onCompleted();
                } else {
                    stream.onError(status.asRuntimeException());
                }
            }
        }
    }

    private final Map<String, Session> byHost = new ConcurrentHashMap<>();
    private final Counter heartbeats;
    private final Timer heartbeatHandling;

    AgentSessions(MeterRegistry meters) {
        Gauge.builder("assay.agents.connected", byHost, Map::size)
                .description("Agents with an open Connect stream to this instance").register(meters);
        this.heartbeats = Counter.builder("assay.agents.heartbeats")
                .description("Heartbeats received from connected agents").register(meters);
        // A histogram, not only a mean: the target is a p99 (issue [7]), and Prometheus computes it across
        // instances only from buckets.
        this.heartbeatHandling = Timer.builder("assay.agents.heartbeat.handling")
                .description("Time from a heartbeat's arrival on its stream until it is handled (its HeartbeatAck goes right after)")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Counts one heartbeat received, handled in {@code nanos}. */
    void heartbeatHandled(long nanos) {
        heartbeats.increment();
        heartbeatHandling.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Makes {@code session} the host's one session, closing the one it replaces. */
    void open(Session session) {
        Session replaced = byHost.put(session.host.hostId(), session);
        if (replaced != null && replaced != session) {
            replaced.end(Status.ABORTED.withDescription("replaced by a newer session of this host"));
        }
    }

    /** Forgets {@code session} if it is still the host's current one; false if it was not (replaced or closed). */
    boolean close(Session session) {
        return byHost.remove(session.host.hostId(), session);
    }

    Optional<Session> of(String hostId) {
        return Optional.ofNullable(byHost.get(hostId));
    }

    /** The sessions open now. */
    java.util.Collection<Session> all() {
        return byHost.values();
    }
}
