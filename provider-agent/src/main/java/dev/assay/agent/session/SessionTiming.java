package dev.assay.agent.session;

import java.time.Duration;

/**
 * The session's clocks: how long to wait for Welcome, how reconnects back off, when the circuit breaker lets
 * connection attempts through again, how often the certificate's age is checked. Tests shrink them.
 *
 * @param minHeartbeatInterval floor under Welcome's interval, so a zero or tiny value cannot flood the stream
 */
record SessionTiming(Duration welcomeTimeout, Duration initialBackoff, Duration maxBackoff, Duration breakerOpen,
        Duration renewalCheck, Duration minHeartbeatInterval) {

    static SessionTiming defaults() {
        return new SessionTiming(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMillis(500));
    }
}
