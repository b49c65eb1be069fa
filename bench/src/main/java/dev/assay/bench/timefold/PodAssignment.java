package dev.assay.bench.timefold;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.common.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import dev.assay.matching.placement.PlacementRequest;
import java.util.List;

/**
 * One pod request of the batch; the planning variable is the host it goes to (or none, at a penalty).
 * Each pod's value range is the hosts that pass the engine's static feasibility rules for it, so the solver
 * only has to respect capacity.
 */
@PlanningEntity
public class PodAssignment {

    @PlanningId
    private int id;
    private PlacementRequest request;
    private List<HostCapacity> feasibleHosts;
    /** All-in price per hour by {@link HostCapacity#index()}; -1 where the host is not feasible. */
    private long[] costMicrosByHostIndex;

    @PlanningVariable(valueRangeProviderRefs = "feasibleHosts", allowsUnassigned = true)
    private HostCapacity host;

    public PodAssignment() {}

    PodAssignment(int id, PlacementRequest request, List<HostCapacity> feasibleHosts, long[] costMicrosByHostIndex) {
        this.id = id;
        this.request = request;
        this.feasibleHosts = feasibleHosts;
        this.costMicrosByHostIndex = costMicrosByHostIndex;
    }

    @ValueRangeProvider(id = "feasibleHosts")
    public List<HostCapacity> getFeasibleHosts() {
        return feasibleHosts;
    }

    public int getId() {
        return id;
    }

    public HostCapacity getHost() {
        return host;
    }

    public void setHost(HostCapacity host) {
        this.host = host;
    }

    PlacementRequest request() {
        return request;
    }

    int gpus() {
        return request.gpuCount();
    }

    int cpu() {
        return request.cpuCores();
    }

    int ramGb() {
        return Math.toIntExact(request.ramGb());
    }

    int diskGb() {
        return Math.toIntExact(request.diskGb());
    }

    /** All-in price per hour on the assigned host, in micro-dollars (a table look-up: the solver calls it often). */
    long costMicros() {
        return costMicrosByHostIndex[host.index()];
    }
}
