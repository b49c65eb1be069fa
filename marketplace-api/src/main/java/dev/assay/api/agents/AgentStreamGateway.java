package dev.assay.api.agents;

import dev.assay.api.live.LiveStateUnavailable;
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
 * Pods go to hosts through their agents' streams, on whichever instance holds them ({@link AgentCommands}). A
 * SIMULATED host without an agent (the demo fleet) has its part played by {@link SimulatedAgentGateway}. A host
 * whose agent is not connected gets nothing now: its pods wait SCHEDULED and are sent again when the agent
 * (re)connects; if it stays away the host goes OFFLINE and they are LOST ({@link AgentPresence}).
 */
@Singleton
class AgentStreamGateway implements AgentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(AgentStreamGateway.class);
    private static final String WORKSPACE = "/workspace";

    private final AgentCommands commands;
    private final SimulatedAgentGateway simulated;
    private final JsonMapper json;
    private final Duration stopGrace;

    AgentStreamGateway(AgentCommands commands, BeanProvider<PodLifecycle> lifecycle, JsonMapper json,
            @Value("${assay.agents.stop-grace:30s}") Duration stopGrace) {
        this.commands = commands;
        this.simulated = new SimulatedAgentGateway(lifecycle);
        this.json = json;
        this.stopGrace = stopGrace;
    }

    @Override
    public void startPod(PodLaunch launch) {
        MarketplaceMessage start = MarketplaceMessage.newBuilder().setStartPod(startPodOf(launch)).build();
        AgentCommands.Delivery delivery = deliver(launch.hostId(), start);
        if (delivery == AgentCommands.Delivery.NO_AGENT && launch.simulated()) {
            simulated.startPod(launch);
            return;
        }
        LOG.info("event=start_pod pod={} host={} delivery={}", launch.podId(), launch.hostId(), delivery);
    }

    @Override
    public void stopPod(PodStop stop) {
        MarketplaceMessage command = MarketplaceMessage.newBuilder().setStopPod(StopPod.newBuilder()
                .setPodId(stop.podId())
                .setGraceSeconds((int) stopGrace.toSeconds())
                .setReason(reason(stop.reason()))
                .setNotice(stop.reason())).build();
        AgentCommands.Delivery delivery = deliver(stop.hostId(), command);
        if (delivery == AgentCommands.Delivery.NO_AGENT && stop.simulated()) {
            simulated.stopPod(stop);
            return;
        }
        LOG.info("event=stop_pod pod={} host={} delivery={}", stop.podId(), stop.hostId(), delivery);
    }

    /** The StartPod of a pod placed on a host: also re-sent to an agent that reconnects while the pod waits. */
    StartPod startPodOf(PodLaunch launch) {
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
        return start.build();
    }

    // Called after the commit that decided it: live state being down here must not fail that (committed) change.
    // The pod waits SCHEDULED, and its agent gets it again when it (re)connects.
    private AgentCommands.Delivery deliver(String hostId, MarketplaceMessage command) {
        try {
            return commands.deliver(hostId, command);
        } catch (LiveStateUnavailable e) {
            LOG.warn("event=agent_command_not_routed host={} kind={} why=\"{}\"", hostId, command.getBodyCase(),
                    e.getMessage());
            return AgentCommands.Delivery.NO_AGENT;
        }
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
