package dev.assay.api.agents;

import dev.assay.api.live.AgentDirectory;
import dev.assay.api.live.InstanceId;
import dev.assay.api.live.PeerBus;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands for an agent, wherever its stream is: written to it when this instance holds it, otherwise sent to the
 * instance the {@link AgentDirectory} names, which writes it there. What a command asks is also in PostgreSQL (a
 * pod SCHEDULED on the host), and an agent that reconnects is sent its pods again, so a command lost between
 * instances delays a pod, never loses it.
 */
@Singleton
class AgentCommands {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommands.class);
    static final String TOPIC = "agent-command";

    private final AgentSessions sessions;
    private final AgentDirectory directory;
    private final PeerBus bus;
    private final InstanceId self;

    AgentCommands(AgentSessions sessions, AgentDirectory directory, PeerBus bus, InstanceId self) {
        this.sessions = sessions;
        this.directory = directory;
        this.bus = bus;
        this.self = self;
        bus.listen(TOPIC, this::received);
    }

    /** Where a command went. */
    enum Delivery { WRITTEN_HERE, ROUTED, NO_AGENT }

    /**
     * Sends the command to the host's agent.
     *
     * @throws dev.assay.api.live.LiveStateUnavailable when the agent is not here and the directory or bus cannot be
     *     reached
     */
    Delivery deliver(String hostId, MarketplaceMessage command) {
        Optional<AgentSessions.Session> local = sessions.of(hostId);
        if (local.isPresent() && local.get().send(command)) {
            return Delivery.WRITTEN_HERE;
        }
        Optional<String> holder = directory.holderOf(hostId);
        if (holder.isEmpty() || holder.get().equals(self.value())) {
            return Delivery.NO_AGENT;
        }
        bus.send(holder.get(), TOPIC, hostId + " " + Base64.getEncoder().encodeToString(command.toByteArray()));
        return Delivery.ROUTED;
    }

    private void received(String sender, String payload) {
        int space = payload.indexOf(' ');
        if (space < 0) {
            return;
        }
        String hostId = payload.substring(0, space);
        MarketplaceMessage command;
        try {
            command = MarketplaceMessage.parseFrom(Base64.getDecoder().decode(payload.substring(space + 1)));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.warn("event=routed_command_unreadable host={} from={}", hostId, sender);
            return;
        }
        boolean written = sessions.of(hostId).map(s -> s.send(command)).orElse(false);
        LOG.info("event=routed_command host={} from={} kind={} written={}", hostId, sender, command.getBodyCase(),
                written);
    }
}
