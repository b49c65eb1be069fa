package dev.assay.bench.timefold;

import ai.timefold.solver.core.api.score.HardSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/**
 * Hard: no host gives more GPUs, CPU, RAM or disk than it has free. Soft: the batch's total all-in price
 * per hour, plus {@link BatchCost#UNPLACED_PENALTY_MICROS} for each pod left unplaced.
 */
public class PlacementConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            factory.forEach(PodAssignment.class)
                    .groupBy(PodAssignment::getHost, ConstraintCollectors.sum(PodAssignment::gpus))
                    .filter((host, gpus) -> gpus > host.freeGpus())
                    .penalize(HardSoftScore.ONE_HARD, (host, gpus) -> gpus - host.freeGpus())
                    .asConstraint("GPU capacity"),
            factory.forEach(PodAssignment.class)
                    .groupBy(PodAssignment::getHost, ConstraintCollectors.sum(PodAssignment::cpu))
                    .filter((host, cpu) -> cpu > host.freeCpu())
                    .penalize(HardSoftScore.ONE_HARD, (host, cpu) -> cpu - host.freeCpu())
                    .asConstraint("CPU capacity"),
            factory.forEach(PodAssignment.class)
                    .groupBy(PodAssignment::getHost, ConstraintCollectors.sum(PodAssignment::ramGb))
                    .filter((host, ram) -> ram > host.freeRamGb())
                    .penalize(HardSoftScore.ONE_HARD, (host, ram) -> ram - host.freeRamGb())
                    .asConstraint("RAM capacity"),
            factory.forEach(PodAssignment.class)
                    .groupBy(PodAssignment::getHost, ConstraintCollectors.sum(PodAssignment::diskGb))
                    .filter((host, disk) -> disk > host.freeDiskGb())
                    .penalize(HardSoftScore.ONE_HARD, (host, disk) -> disk - host.freeDiskGb())
                    .asConstraint("disk capacity"),
            factory.forEach(PodAssignment.class)
                    .penalize(HardSoftScore.ONE_SOFT, PodAssignment::costMicros)
                    .asConstraint("price"),
            factory.forEachIncludingUnassigned(PodAssignment.class)
                    .filter(pod -> pod.getHost() == null)
                    .penalize(HardSoftScore.ONE_SOFT, pod -> BatchCost.UNPLACED_PENALTY_MICROS)
                    .asConstraint("unplaced pod"),
        };
    }
}
