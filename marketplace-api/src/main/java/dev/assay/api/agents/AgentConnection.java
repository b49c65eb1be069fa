package dev.assay.api.agents;

import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.HeartbeatAck;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's {@code Connect} stream, from the marketplace's side: the protocol, with what each message means left
 * to {@link AgentMessages}. The first message must be {@code Hello}; it opens the host's session and is answered
 * with {@code Welcome}. Every message after it counts as being heard from. A message that breaks the contract ends
 * the stream with a status that says why; nothing it said is written.
 */
final class AgentConnection implements StreamObserver<AgentMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);

    private final HostIdentity host;
    private final StreamObserver<MarketplaceMessage> out;
    private final AgentSessions sessions;
    private final AgentMessages messages;
    private final Supplier<Instant> clock;
    private AgentSessions.Session session;

    AgentConnection(HostIdentity host, StreamObserver<MarketplaceMessage> out, AgentSessions sessions,
            AgentMessages messages, Supplier<Instant> clock) {
        this.host = host;
        this.out = out;
        this.sessions = sessions;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public void onNext(AgentMessage message) {
        long arrived = System.nanoTime(); // for the heartbeat handling timer only; nothing is decided by it
        try {
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
            messages.heard(session);
            Optional<Status> end = switch (message.getBodyCase()) {
                case HEARTBEAT -> heartbeat(message, arrived);
                case BENCHMARK_REPORT -> messages.benchmarkReport(session, message);
                case POD_EVENT -> {
                    messages.podEvent(session, message.getPodEvent());
                    yield Optional.empty();
                }
                case CHALLENGE_RESPONSE -> {
                    messages.challengeResponse(session, message);
                    yield Optional.empty();
                }
                case CERTIFICATE_RENEWAL -> messages.renewal(session, message);
                case HELLO -> Optional.of(Status.FAILED_PRECONDITION.withDescription("Hello is sent once per session"));
                case BODY_NOT_SET -> Optional.of(Status.INVALID_ARGUMENT.withDescription("an empty AgentMessage"));
            };
            end.ifPresent(this::fail);
        } catch (RuntimeException e) {
            LOG.error("event=agent_message_failed host={} kind={}", host.hostId(), message.getBodyCase(), e);
            fail(Status.INTERNAL.withDescription("the marketplace could not handle a " + message.getBodyCase()
                    + " message; reconnect"));
        }
    }

    private void hello(AgentMessage message) {
        Optional<Status> refused = messages.admit(message.getHello());
        if (refused.isPresent()) {
            fail(refused.get());
            return;
        }
        session = new AgentSessions.Session(UUID.randomUUID().toString(), host, out, clock.get());
        session.hello = message.getHello();
        session.gpuCount = message.getHello().getGpusCount();
        sessions.open(session);
        LOG.info("event=agent_connected host={} org={} session={} agent_version=\"{}\" gpus={} simulated={}",
                host.hostId(), host.orgId(), session.id, AgentMachine.printable(message.getHello().getAgentVersion()),
                message.getHello().getGpusCount(), message.getHello().getSimulated());
        messages.hello(session);
    }

    /** Keeps the readings, then acks: the ack says everything the marketplace does per heartbeat is done. */
    private Optional<Status> heartbeat(AgentMessage message, long arrived) {
        long sequence = message.getHeartbeat().getSequence();
        if (session.lastHeartbeat >= 0 && sequence != session.lastHeartbeat + 1) {
            LOG.info("event=agent_heartbeat_gap host={} expected={} got={}", host.hostId(), session.lastHeartbeat + 1,
                    sequence);
        }
        session.lastHeartbeat = sequence;
        session.telemetry = message.getHeartbeat();
        sessions.heartbeatHandled(System.nanoTime() - arrived);
        session.send(MarketplaceMessage.newBuilder()
                .setHeartbeatAck(HeartbeatAck.newBuilder().setSequence(sequence)).build());
        return Optional.empty();
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
        if (session != null && sessions.close(session)) {
            messages.closed(session);
            LOG.info("event=agent_disconnected host={} session={} why=\"{}\"", host.hostId(), session.id, why);
        }
    }
}
