package dev.assay.api.agents;

import dev.assay.api.pods.AgentGateway;
import dev.assay.api.pods.PodLaunch;
import dev.assay.api.pods.PodLifecycle;
import dev.assay.api.pods.PodStop;
import dev.assay.api.pods.SimulatedAgentGateway;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.PortRequest;
import dev.assay.proto.agent.v1.ResourceLimits;
import dev.assay.proto.agent.v1.StartPod;
import dev.assay.proto.agent.v1.StopPod;
import dev.assay.proto.agent.v1.StopReason;
import dev.assay.proto.agent.v1.Volume;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pods go to hosts through their agents' streams: StartPod and StopPod are written to the host's session. A
 * SIMULATED host without an agent (the demo fleet) has its part played by {@link SimulatedAgentGateway}. A host
 * whose agent is not connected gets nothing now: its pods wait, and if the agent stays away the host goes OFFLINE
 * and they are LOST ({@link AgentPresence}); an agent that reconnects lists its pods in Hello.
 */
@Singleton
class AgentStreamGateway implements AgentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(AgentStreamGateway.class);
    private static final String WORKSPACE = "/workspace";

    private final AgentSessions sessions;
    private final SimulatedAgentGateway simulated;
    private final JsonMapper json;
    private final Duration stopGrace;

    AgentStreamGateway(AgentSessions sessions, BeanProvider<PodLifecycle> lifecycle, JsonMapper json,
            @Value("${assay.agents.stop-grace:30s}") Duration stopGrace) {
        this.sessions = sessions;
        this.simulated = new SimulatedAgentGateway(lifecycle);
        this.json = json;
        this.stopGrace = stopGrace;
    }

    @Override
    public void startPod(PodLaunch launch) {
        var session = sessions.of(launch.hostId());
        if (session.isEmpty()) {
            if (launch.simulated()) {
                simulated.startPod(launch);
            } else {
                LOG.info("event=start_pod_waits_for_agent pod={} host={}", launch.podId(), launch.hostId());
            }
            return;
        }
        StartPod.Builder start = StartPod.newBuilder().setPodId(launch.podId()).setImage(launch.image())
                .putAllEnv(env(launch))
                .addAllGpuIndices(launch.gpuIndices())
                .setLimits(ResourceLimits.newBuilder().setCpuCores(launch.cpuCores()).setRamMib(launch.ramGb() * 1024)
                        .setDiskMib(launch.diskGb() * 1024))
                .setVolume(Volume.newBuilder().setVolumeId(launch.podId()).setSizeMib(launch.diskGb() * 1024)
                        .setMountPath(WORKSPACE));
        for (String port : launch.ports().isBlank() ? new String[0] : launch.ports().split(",")) {
            String[] parts = port.split("/");
            // "8888/http" is served over TCP; the marketplace's proxy (not the container) speaks HTTP.
            start.addPorts(PortRequest.newBuilder().setContainerPort(Integer.parseInt(parts[0])).setProtocol("tcp"));
        }
        boolean sent = session.get().send(MarketplaceMessage.newBuilder().setStartPod(start).build());
        LOG.info("event=start_pod_sent pod={} host={} session={} sent={}", launch.podId(), launch.hostId(),
                session.get().id, sent);
    }

    @Override
    public void stopPod(PodStop stop) {
        var session = sessions.of(stop.hostId());
        if (session.isEmpty()) {
            if (stop.simulated()) {
                simulated.stopPod(stop);
            }
            return;
        }
        boolean sent = session.get().send(MarketplaceMessage.newBuilder().setStopPod(StopPod.newBuilder()
                .setPodId(stop.podId())
                .setGraceSeconds((int) stopGrace.toSeconds())
                .setReason(reason(stop.reason()))
                .setNotice(stop.reason())).build());
        LOG.info("event=stop_pod_sent pod={} host={} sent={}", stop.podId(), stop.hostId(), sent);
    }

    private Map<String, String> env(PodLaunch launch) {
        if (launch.envJson() == null || launch.envJson().isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(launch.envJson(), Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new IllegalStateException("pod " + launch.podId() + " has unreadable env JSON", e);
        }
    }

    /** The pods package words its reasons for people; the contract wants the kind. */
    private static StopReason reason(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("balance")) {
            return StopReason.STOP_REASON_BALANCE;
        }
        if (lower.contains("outbid") || lower.contains("preempt")) {
            return StopReason.STOP_REASON_OUTBID;
        }
        if (lower.contains("renter")) {
            return StopReason.STOP_REASON_RENTER;
        }
        return StopReason.STOP_REASON_UNSPECIFIED;
    }
}
