package dev.assay.bench.timefold;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.score.HardSoftScore;
import java.util.List;

/** The Timefold planning solution: every pod of the batch and every host. */
@PlanningSolution
public class PlacementBatch {

    @ProblemFactCollectionProperty
    private List<HostCapacity> hosts;

    @PlanningEntityCollectionProperty
    private List<PodAssignment> pods;

    @PlanningScore
    private HardSoftScore score;

    public PlacementBatch() {}

    PlacementBatch(List<HostCapacity> hosts, List<PodAssignment> pods) {
        this.hosts = hosts;
        this.pods = pods;
    }

    public List<HostCapacity> getHosts() {
        return hosts;
    }

    public List<PodAssignment> getPods() {
        return pods;
    }

    public HardSoftScore getScore() {
        return score;
    }

    public void setScore(HardSoftScore score) {
        this.score = score;
    }

    public void setHosts(List<HostCapacity> hosts) {
        this.hosts = hosts;
    }

    public void setPods(List<PodAssignment> pods) {
        this.pods = pods;
    }
}
