package dev.assay.agent.session;

import dev.assay.proto.agent.v1.AgentMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where pod events, reports and challenge answers go: the stream that is open now. Work that finishes while the
 * agent is reconnecting is not queued; what matters of it reaches the marketplace anyway (Hello lists the live
 * pods, heartbeats carry every pod's state, the marketplace asks again for a report or a challenge).
 */
final class SessionOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOutbox.class);

    private volatile AgentSession current;

    void attach(AgentSession session) {
        current = session;
    }

    void detach(AgentSession session) {
        if (current == session) {
            current = null;
        }
    }

    void send(AgentMessage message) {
        AgentSession session = current;
        if (session == null || !session.send(message)) {
            LOG.info("event=message_not_sent kind={} reason=\"no open stream\"", message.getBodyCase());
        }
    }
}
