package dev.assay.api.agents;

import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's {@code Connect} stream, from the marketplace's side. The first message must be {@code Hello}: it is
 * answered with {@code Welcome} (the host id the certificate names, the heartbeat interval, and a request for a
 * benchmark run, since the marketplace scores a machine only from what it measured). Heartbeats keep the session
 * alive. What Hello and the reports say about the machine is written to the host's row by the next part of
 * issue [4] (a host appears in the market after its first benchmark report, never from its claims).
 */
final class AgentConnection implements StreamObserver<AgentMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);

    private final HostIdentity host;
    private final StreamObserver<MarketplaceMessage> out;
    private final AgentSessions sessions;
    private final Duration heartbeatInterval;
    private final Supplier<Instant> clock;
    private AgentSessions.Session session;

    AgentConnection(HostIdentity host, StreamObserver<MarketplaceMessage> out, AgentSessions sessions,
            Duration heartbeatInterval, Supplier<Instant> clock) {
        this.host = host;
        this.out = out;
        this.sessions = sessions;
        this.heartbeatInterval = heartbeatInterval;
        this.clock = clock;
    }

    @Override
    public void onNext(AgentMessage message) {
        if (session == null) {
            if (!message.hasHello()) {
                fail(Status.FAILED_PRECONDITION.withDescription("the first message of a session must be Hello, was "
                        + message.getBodyCase()));
                return;
            }
            hello(message);
            return;
        }
        session.lastHeard = clock.get();
        switch (message.getBodyCase()) {
            case HEARTBEAT -> heartbeat(message);
            case HELLO -> fail(Status.FAILED_PRECONDITION.withDescription("Hello is sent once per session"));
            default -> LOG.debug("event=agent_message_not_handled_yet host={} kind={}", host.hostId(),
                    message.getBodyCase());
        }
    }

    private void hello(AgentMessage message) {
        session = new AgentSessions.Session(UUID.randomUUID().toString(), host, out, clock.get());
        sessions.open(session);
        LOG.info("event=agent_connected host={} org={} session={} agent_version=\"{}\" gpus={} simulated={}",
                host.hostId(), host.orgId(), session.id, printable(message.getHello().getAgentVersion()),
                message.getHello().getGpusCount(), message.getHello().getSimulated());
        session.send(MarketplaceMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setSessionId(session.id)
                .setHostId(host.hostId())
                .setHeartbeatIntervalMillis((int) heartbeatInterval.toMillis())
                .setBenchmarkRequested(true)).build());
    }

    private void heartbeat(AgentMessage message) {
        long sequence = message.getHeartbeat().getSequence();
        if (session.lastHeartbeat >= 0 && sequence != session.lastHeartbeat + 1) {
            LOG.info("event=agent_heartbeat_gap host={} expected={} got={}", host.hostId(), session.lastHeartbeat + 1,
                    sequence);
        }
        session.lastHeartbeat = sequence;
        sessions.heartbeat();
    }

    @Override
    public void onError(Throwable t) {
        closeSession("stream broke: " + Status.fromThrowable(t).getCode());
    }

    @Override
    public void onCompleted() {
        closeSession("agent closed the stream");
        if (session != null) {
            session.end(Status.OK);
        } else {
            out.onCompleted();
        }
    }

    private void fail(Status status) {
        closeSession(status.getDescription());
        if (session != null) {
            session.end(status);
        } else {
            out.onError(status.asRuntimeException());
        }
    }

    private void closeSession(String why) {
        if (session != null) {
            sessions.close(session);
            LOG.info("event=agent_disconnected host={} session={} why=\"{}\"", host.hostId(), session.id, why);
        }
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7E]", "?").replace('"', '\'');
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }
}
