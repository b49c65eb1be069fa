package dev.assay.api.agents;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.assay.api.agents.AgentCertificateAuthority.HostCertificate;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostStatus;
import dev.assay.api.live.AgentDirectory;
import dev.assay.api.live.LiveStateUnavailable;
import dev.assay.api.market.MarketClock;
import dev.assay.api.pods.PodLaunch;
import dev.assay.api.pods.PodLifecycle;
import dev.assay.api.pods.PodState;
import dev.assay.api.problem.ApiProblem;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.CertificateIssued;
import dev.assay.proto.agent.v1.Drain;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.PodEvent;
import dev.assay.proto.agent.v1.PodStatus;
import dev.assay.proto.agent.v1.StopPod;
import dev.assay.proto.agent.v1.StopReason;
import dev.assay.proto.agent.v1.Welcome;
import io.grpc.Status;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the marketplace does with each message of an agent's session (the stream protocol itself is
 * {@link AgentConnection}'s): Hello reconciles the machine, reports go to {@link BenchmarkIntake}, pod events to
 * the pod lifecycle, challenge answers to {@link ChallengeRounds}, renewals to the CA. A method answers a status
 * when the stream must end; empty when it goes on. Stateless; the session carries the state.
 */
@Singleton
class AgentMessages {

    private static final Logger LOG = LoggerFactory.getLogger(AgentMessages.class);

    private final HostRegistry registry;
    private final BenchmarkIntake intake;
    private final ChallengeRounds challenges;
    private final PodLifecycle pods;
    private final AgentCertificateAuthority authority;
    private final AgentDirectory directory;
    private final AgentStreamGateway gateway;
    private final MarketClock clock;
    private final Duration heartbeatInterval;
    private final Duration directoryRenewal;
    private final boolean acceptSimulated;

    AgentMessages(HostRegistry registry, BenchmarkIntake intake, ChallengeRounds challenges,
            PodLifecycle pods, AgentCertificateAuthority authority,
            AgentDirectory directory, AgentStreamGateway gateway, MarketClock clock,
            @Value("${assay.agents.heartbeat-interval:10s}") Duration heartbeatInterval,
            @Value("${assay.agents.offline-after:30s}") Duration offlineAfter,
            @Value("${assay.agents.accept-simulated:true}") boolean acceptSimulated) {
        this.registry = registry;
        this.intake = intake;
        this.challenges = challenges;
        this.pods = pods;
        this.authority = authority;
        this.directory = directory;
        this.gateway = gateway;
        this.clock = clock;
        this.directoryRenewal = offlineAfter.dividedBy(3);
        this.heartbeatInterval = heartbeatInterval;
        this.acceptSimulated = acceptSimulated;
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** Refuses a SIMULATED agent where this marketplace takes real machines only. */
    Optional<Status> admit(Hello hello) {
        if (hello.getSimulated() && !acceptSimulated) {
            return Optional.of(Status.PERMISSION_DENIED.withDescription("this marketplace does not accept SIMULATED"
                    + " agents (assay.agents.accept-simulated=false): run the agent on a machine with real GPUs"));
        }
        return Optional.empty();
    }

    /**
     * The session is open: welcome the agent, bring a known machine back ONLINE, tell the agent to stop pods the
     * market no longer holds there, and challenge it on this first connect.
     */
    void hello(AgentSessions.Session session) {
        Hello hello = session.hello;
        String hostId = session.host.hostId();
        claim(session);
        var stored = registry.storedMachine(hostId);
        session.registered = stored.isPresent();
        session.send(MarketplaceMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setSessionId(session.id)
                .setHostId(hostId)
                .setHeartbeatIntervalMillis((int) heartbeatInterval.toMillis())
                // The market scores a machine only from what it measured: a machine without a row measures first.
                .setBenchmarkRequested(stored.isEmpty())).build());
        if (stored.isEmpty()) {
            return;
        }
        if (stored.get().status() == HostStatus.OFFLINE) {
            registry.setStatus(hostId, HostStatus.ONLINE);
            LOG.info("event=host_back_online host={} session={}", hostId, session.id);
        }
        Set<String> held = new HashSet<>(pods.holdingGpus(hostId));
        Set<String> reported = new HashSet<>();
        for (PodStatus running : hello.getRunningPodsList()) {
            reported.add(running.getPodId());
            boolean live = running.getState() == dev.assay.proto.agent.v1.PodState.POD_STATE_RUNNING
                    || running.getState() == dev.assay.proto.agent.v1.PodState.POD_STATE_STARTING;
            if (live && !held.contains(running.getPodId())) {
                // Lost while the host was away, stopped or deleted since: the market moved on, so must the
                // container. Its volume is kept: a STOPPED pod resumes from it, and removing it is the renter's call.
                session.send(MarketplaceMessage.newBuilder().setStopPod(StopPod.newBuilder()
                        .setPodId(running.getPodId()).setReason(StopReason.STOP_REASON_UNSPECIFIED)
                        .setNotice("the marketplace no longer runs this pod on this host (lost while the host was"
                                + " offline, stopped or deleted)")).build());
            }
        }
        for (PodLaunch waiting : pods.waitingToStart(hostId)) {
            if (!reported.contains(waiting.podId())) {
                // Placed while the agent was away, or its StartPod was lost on the way: the agent starts it once.
                session.send(MarketplaceMessage.newBuilder().setStartPod(gateway.startPodOf(waiting)).build());
            }
        }
        session.nextChallengeAt = clock.now(); // the presence sweep opens it
    }

    /** The agent was heard from: its directory entry is renewed when a third of its lifetime has passed. */
    void heard(AgentSessions.Session session) {
        if (Duration.between(session.claimedAt, clock.now()).compareTo(directoryRenewal) >= 0) {
            claim(session);
        }
    }

    private void claim(AgentSessions.Session session) {
        session.claimedAt = clock.now();
        try {
            directory.holding(session.host.hostId());
        } catch (LiveStateUnavailable e) {
            // The session works here; until Redis is back, commands from other instances cannot find it.
            LOG.warn("event=agent_directory_unavailable host={} why=\"{}\"", session.host.hostId(), e.getMessage());
        }
    }

    Optional<Status> benchmarkReport(AgentSessions.Session session, AgentMessage message) {
        BenchmarkIntake.Outcome outcome = intake.take(session.host, session.hello, message.getBenchmarkReport());
        switch (outcome) {
            case BenchmarkIntake.Refused refused -> {
                LOG.info("event=benchmark_refused host={} status={} why=\"{}\"", session.host.hostId(),
                        refused.status().getCode(), refused.status().getDescription());
                return Optional.of(refused.status());
            }
            case BenchmarkIntake.NotPlausible notPlausible -> session.send(MarketplaceMessage.newBuilder()
                    .setDrain(Drain.newBuilder().setReason("benchmark refused, the machine was not added: "
                            + notPlausible.why())).build());
            case BenchmarkIntake.Registered registered -> {
                session.registered = true;
                session.nextChallengeAt = clock.now(); // challenged on its first connect
            }
            case BenchmarkIntake.Recorded recorded -> LOG.info("event=benchmark_recorded_from_agent host={} verdicts={}",
                    session.host.hostId(), recorded.verdicts());
        }
        return Optional.empty();
    }

    void podEvent(AgentSessions.Session session, PodEvent event) {
        Optional<PodState> state = switch (event.getState()) {
            case POD_STATE_STARTING -> Optional.of(PodState.STARTING);
            case POD_STATE_RUNNING -> Optional.of(PodState.RUNNING);
            case POD_STATE_STOPPED, POD_STATE_TERMINATED -> Optional.of(PodState.STOPPED);
            case POD_STATE_EXITED -> Optional.of(PodState.EXITED);
            case POD_STATE_FAILED -> Optional.of(PodState.FAILED);
            default -> Optional.empty(); // STOPPING: the market already knows it asked
        };
        if (state.isEmpty()) {
            return;
        }
        String reason = "agent: " + (event.getMessage().isBlank() ? event.getState().name()
                : AgentMachine.printable(event.getMessage()));
        try {
            pods.reportFromHost(session.host.hostId(), event.getPodId(), state.get(), reason);
        } catch (ApiProblem refused) {
            // Stale (a pod the market moved on from) or not this host's: the agent resyncs from the market's commands.
            LOG.info("event=pod_event_refused host={} pod=\"{}\" state={} why=\"{}\"", session.host.hostId(),
                    AgentMachine.printable(event.getPodId()), event.getState(), refused.getMessage());
            return;
        }
        if (state.get() == PodState.FAILED && event.getHostCaused()) {
            registry.recordHostFailure(session.host.hostId(), "pod " + event.getPodId() + " failed: " + reason);
        }
    }

    void challengeResponse(AgentSessions.Session session, AgentMessage message) {
        challenges.answer(session, message.getChallengeResponse(), clock.now());
    }

    Optional<Status> renewal(AgentSessions.Session session, AgentMessage message) {
        PublicKey key;
        try {
            key = authority.csrKey(message.getCertificateRenewal().getCsrDer().toByteArray());
        } catch (AgentCertificateAuthority.UnusableCsr e) {
            return Optional.of(Status.INVALID_ARGUMENT.withDescription("certificate renewal: " + e.getMessage()));
        }
        HostCertificate issued = authority.issueHost(key, session.host.hostId(), session.host.orgId(), clock.now());
        try {
            session.send(MarketplaceMessage.newBuilder().setCertificateIssued(CertificateIssued.newBuilder()
                    .addCertificateChainDer(ByteString.copyFrom(issued.certificate().getEncoded()))
                    .addCertificateChainDer(ByteString.copyFrom(authority.caCertificate().getEncoded()))
                    .setNotAfter(Timestamp.newBuilder().setSeconds(issued.notAfter().getEpochSecond()))).build());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate this CA made cannot be encoded", e);
        }
        LOG.info("event=agent_certificate_renewed host={} not_after={}", session.host.hostId(), issued.notAfter());
        return Optional.empty();
    }

    /**
     * The stream ended: the directory no longer names this instance (presence then starts the host's grace
     * period), and an open challenge is left undecided.
     */
    void closed(AgentSessions.Session session) {
        try {
            directory.released(session.host.hostId());
        } catch (LiveStateUnavailable e) {
            LOG.warn("event=agent_directory_unavailable host={} why=\"{}\"", session.host.hostId(), e.getMessage());
        }
        synchronized (session) {
            session.challenge = null;
        }
    }
}
