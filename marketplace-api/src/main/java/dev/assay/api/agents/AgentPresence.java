package dev.assay.api.agents;

import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostStatus;
import dev.assay.api.market.MarketClock;
import dev.assay.api.problem.ApiProblem;
import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether machines with agents are there. An agent that sends nothing for {@code offline-after} (three heartbeat
 * intervals by default) has its session closed; a host whose agent stays away past that grace period goes
 * OFFLINE, which marks its pods LOST (their running time settled up to then: renters are not billed for lost
 * time) and records an OFFLINE interval, lowering its reliability. An agent that reconnects in time changes
 * nothing. After a restart of the marketplace, agent hosts stored ONLINE get the same grace to reconnect.
 *
 * <p>Also drives the proof-of-GPU rounds' timing: a due challenge is opened and a late one decided. The sweep runs
 * every {@code presence-sweep}. In-process: with several instances (issue [5]) presence moves to shared state.
 */
@Singleton
@Requires(property = "assay.agents.presence.enabled", notEquals = "false")
class AgentPresence {

    private static final Logger LOG = LoggerFactory.getLogger(AgentPresence.class);

    private final AgentSessions sessions;
    private final HostRegistry registry;
    private final ChallengeRounds challenges;
    private final MarketClock clock;
    private final Duration offlineAfter;
    /** Hosts whose agent went away, and since when; guarded by being a concurrent map of independent entries. */
    private final Map<String, Instant> away = new ConcurrentHashMap<>();
    private volatile boolean startupChecked;

    AgentPresence(AgentSessions sessions, HostRegistry registry, ChallengeRounds challenges, MarketClock clock,
            @Value("${assay.agents.offline-after:30s}") Duration offlineAfter) {
        this.sessions = sessions;
        this.registry = registry;
        this.challenges = challenges;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** The agent of {@code hostId} went away at {@code at} (its stream ended or went silent). */
    void wentAway(String hostId, Instant at) {
        away.putIfAbsent(hostId, at);
    }

    /** The agent of {@code hostId} is back: nothing is due for it. */
    void cameBack(String hostId) {
        away.remove(hostId);
    }

    @Scheduled(fixedDelay = "${assay.agents.presence-sweep:5s}", initialDelay = "${assay.agents.presence-sweep:5s}")
    void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("event=presence_sweep_failed why=\"{}\"", e.toString(), e);
        }
    }

    /** One pass: silent sessions closed, hosts away past the grace period OFFLINE, challenges opened and decided. */
    void sweep() {
        Instant now = clock.now();
        if (!startupChecked) {
            startupChecked = true;
            for (String hostId : registry.agentHostsOnline()) {
                if (sessions.of(hostId).isEmpty()) {
                    away.putIfAbsent(hostId, now);
                }
            }
        }
        for (AgentSessions.Session session : sessions.all()) {
            if (Duration.between(session.lastHeard, now).compareTo(offlineAfter) > 0) {
                LOG.info("event=agent_silent host={} session={} last_heard={}", session.host.hostId(), session.id,
                        session.lastHeard);
                sessions.close(session);
                session.end(Status.DEADLINE_EXCEEDED.withDescription("no heartbeat for over " + offlineAfter.toSeconds()
                        + " s; reconnect"));
                // The grace period starts now, not when it was last heard: silence is one period, absence another.
                wentAway(session.host.hostId(), now);
                continue;
            }
            challenges.expireIfLate(session, now);
            if (session.registered && session.nextChallengeAt != null && !now.isBefore(session.nextChallengeAt)) {
                session.nextChallengeAt = challenges.nextAfter(now);
                registry.storedMachine(session.host.hostId())
                        .ifPresent(machine -> challenges.open(session, machine.sku(), now));
            }
        }
        for (Map.Entry<String, Instant> entry : away.entrySet()) {
            String hostId = entry.getKey();
            if (sessions.of(hostId).isPresent()) {
                away.remove(hostId, entry.getValue());
            } else if (Duration.between(entry.getValue(), now).compareTo(offlineAfter) >= 0) {
                markOffline(hostId, entry.getValue());
                away.remove(hostId, entry.getValue());
            }
        }
    }

    private void markOffline(String hostId, Instant awaySince) {
        boolean online = registry.storedMachine(hostId).map(m -> m.status() == HostStatus.ONLINE).orElse(false);
        if (!online) {
            return; // never registered (no plausible report yet), or already OFFLINE or RETIRED
        }
        try {
            registry.setStatus(hostId, HostStatus.OFFLINE);
            LOG.info("event=host_offline host={} away_since={} grace_s={}", hostId, awaySince, offlineAfter.toSeconds());
        } catch (ApiProblem conflict) {
            away.putIfAbsent(hostId, awaySince); // changed concurrently: try again next sweep
        }
    }
}
