package dev.assay.api.agents;

import dev.assay.api.hosts.AgentLinks;
import dev.assay.api.hosts.HostDetail;
import dev.assay.proto.agent.v1.GpuTelemetry;
import dev.assay.proto.agent.v1.Heartbeat;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** A host owner's live view of their machine's agent, read from its session on this instance. */
@Singleton
class SessionAgentLinks implements AgentLinks {

    private final AgentSessions sessions;

    SessionAgentLinks(AgentSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<HostDetail.Agent> agentOf(String hostId) {
        return sessions.of(hostId).map(session -> {
            Heartbeat latest = session.telemetry;
            List<HostDetail.GpuReading> gpus = latest == null ? List.of()
                    : latest.getGpusList().stream().map(SessionAgentLinks::reading).toList();
            return new HostDetail.Agent(true, AgentMachine.printable(session.hello.getAgentVersion()),
                    session.connectedAt.toString(), session.lastHeard.toString(), gpus);
        });
    }

    private static HostDetail.GpuReading reading(GpuTelemetry gpu) {
        return new HostDetail.GpuReading(gpu.getIndex(), gpu.getUtilizationGpuPercent(), gpu.getMemoryUsedMib(),
                gpu.getTemperatureCelsius(), gpu.getPowerDrawMilliwatts() / 1000.0, gpu.getSmClockMhz(),
                gpu.getEccUncorrectedVolatile());
    }
}
