package dev.assay.api.agents;

import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.live.AgentDirectory;
import dev.assay.api.live.LiveStateUnavailable;
import dev.assay.api.live.lease.FenceCheck;
import dev.assay.api.live.lease.JobFences;
import dev.assay.api.live.lease.JobLeases;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether machines with agents are there. Every instance ends the sessions it holds that went silent for
 * {@code offline-after} (three heartbeat intervals by default), which takes them out of the {@link AgentDirectory},
 * and runs the proof-of-GPU timing of its sessions. Across the market, a host stored ONLINE that no instance holds
 * in the directory is away; once it has been away another {@code offline-after} it goes OFFLINE, which marks its
 * pods LOST (their running time settled up to then: renters are not billed for lost time) and records an OFFLINE
 * interval, lowering its reliability. An agent that reconnects in time, to any instance, changes nothing. An
 * instance that dies stops renewing its agents' entries, so they lapse after their time-to-live and the same
 * rule applies; after a restart of the whole market, agent hosts get the same grace to reconnect. Deciding who is
 * away is one instance's job at a time (lease and fencing token {@value #JOB}); the grace period restarts when
 * the lease moves, which only ever delays an OFFLINE.
 *
 * <p>If the directory cannot be read (Redis down), nobody is declared away: not knowing is not absence.
 */
@Singleton
@Requires(property = "assay.agents.presence.enabled", notEquals = "false")
class AgentPresence {

    private static final Logger LOG = LoggerFactory.getLogger(AgentPresence.class);
    /** The lease (and fence) of offline detection: one instance at a time decides who is away. */
    static final String JOB = "offline-detection";

    private final AgentSessions sessions;
    private final AgentDirectory directory;
    private final AgentMessages messages;
    private final HostRegistry registry;
    private final ChallengeRounds challenges;
    private final MarketClock clock;
    private final JobLeases leases;
    private final JobFences fences;
    private final Duration offlineAfter;
    /** Agent hosts seen away, and since when (as this instance noticed). */
    private final Map<String, Instant> away = new ConcurrentHashMap<>();

    AgentPresence(AgentSessions sessions, AgentDirectory directory, AgentMessages messages, HostRegistry registry,
            ChallengeRounds challenges, MarketClock clock, JobLeases leases, JobFences fences,
            @Value("${assay.agents.offline-after:30s}") Duration offlineAfter) {
        this.leases = leases;
        this.fences = fences;
        this.sessions = sessions;
        this.directory = directory;
        this.messages = messages;
        this.registry = registry;
        this.challenges = challenges;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    @Scheduled(fixedDelay = "${assay.agents.presence-sweep:5s}", initialDelay = "${assay.agents.presence-sweep:5s}")
    void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("event=presence_sweep_failed why=\"{}\"", e.toString(), e);
        }
    }

    /**
     * One pass: this instance's silent sessions closed and challenges timed; then, on the one instance holding the
     * {@value #JOB} lease, hosts away past the grace period OFFLINE.
     */
    void sweep() {
        Instant now = clock.now();
        sweepSessions(now);
        leases.acquire(JOB).ifPresent(lease -> {
            // Recorded in the arbiter first: a former leader that stalled and wakes up finds itself superseded.
            if (fences.claim(JOB, lease.fencingToken()) == FenceCheck.ADMITTED) {
                sweepHosts(now);
            }
        });
    }

    private void sweepSessions(Instant now) {
        for (AgentSessions.Session session : sessions.all()) {
            if (Duration.between(session.lastHeard, now).compareTo(offlineAfter) > 0) {
                LOG.info("event=agent_silent host={} session={} last_heard={}", session.host.hostId(), session.id,
                        session.lastHeard);
                if (sessions.close(session)) {
                    messages.closed(session);
                }
                session.end(Status.DEADLINE_EXCEEDED.withDescription("no heartbeat for over " + offlineAfter.toSeconds()
                        + " s; reconnect"));
                continue;
            }
            challenges.expireIfLate(session, now);
            if (session.registered && session.nextChallengeAt != null && !now.isBefore(session.nextChallengeAt)) {
                session.nextChallengeAt = challenges.nextAfter(now);
                registry.storedMachine(session.host.hostId())
                        .ifPresent(machine -> challenges.open(session, machine.sku(), now));
            }
        }
    }

    private void sweepHosts(Instant now) {
        List<String> online = registry.agentHostsOnline();
        Map<String, String> holders;
        try {
            holders = directory.holdersOf(online);
        } catch (LiveStateUnavailable e) {
            LOG.warn("event=presence_unknown why=\"{}\"", e.getMessage());
            return;
        }
        away.keySet().retainAll(online);
        for (String hostId : online) {
            if (holders.containsKey(hostId)) {
                away.remove(hostId);
                continue;
            }
            Instant since = away.computeIfAbsent(hostId, h -> now);
            if (Duration.between(since, now).compareTo(offlineAfter) >= 0) {
                markOffline(hostId, since);
            }
        }
    }

    private void markOffline(String hostId, Instant awaySince) {
        try {
            registry.setStatus(hostId, HostStatus.OFFLINE);
            away.remove(hostId);
            LOG.info("event=host_offline host={} away_since={} grace_s={}", hostId, awaySince, offlineAfter.toSeconds());
        } catch (ApiProblem conflict) {
            LOG.info("event=host_offline_retry host={} why=\"{}\"", hostId, conflict.getMessage()); // next sweep
        }
    }
}
