package dev.assay.api.pods;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a pod and the transitions between them. Every transition the API stores is checked here
 * first; an illegal one is refused (409), never written.
 *
 * <p>What a pod holds on its host follows from its state alone ({@link #holdsGpus()}, {@link #holdsDisk()}),
 * which is how the market index derives a host's free capacity from its pods.
 */
public enum PodState {
    /** Accepted, not on a host yet; an interruptible pod whose bid has not won GPUs waits here. */
    PENDING,
    /** Placed: GPUs reserved on a host, StartPod sent. */
    SCHEDULED,
    /** The agent is pulling the image and starting the container. Not billed. */
    STARTING,
    /** Running: billed per second. */
    RUNNING,
    /** StopPod sent; the container is stopping. */
    STOPPING,
    /** Stopped by its renter or by the balance guard: GPUs released, disk kept; can start again. */
    STOPPED,
    /** The container exited by itself: GPUs released, disk kept; can start again. */
    EXITED,
    /** The host or the container failed; the pod cannot run again as it is. */
    FAILED,
    /** Outbid (or displaced by on-demand use): GPUs released, disk kept, bid kept; resumes when it wins again. */
    PREEMPTED,
    /** Its host disappeared while it held GPUs. Not billed. */
    LOST,
    /** Deleted: nothing held, nothing billed, the end. */
    TERMINATED;

    private static final Map<PodState, Set<PodState>> NEXT = Map.ofEntries(
            Map.entry(PENDING, EnumSet.of(SCHEDULED, FAILED, TERMINATED)),
            Map.entry(SCHEDULED, EnumSet.of(STARTING, RUNNING, STOPPING, FAILED, PREEMPTED, LOST, TERMINATED)),
            Map.entry(STARTING, EnumSet.of(RUNNING, STOPPING, FAILED, PREEMPTED, LOST, TERMINATED)),
            Map.entry(RUNNING, EnumSet.of(STOPPING, EXITED, FAILED, PREEMPTED, LOST, TERMINATED)),
            Map.entry(STOPPING, EnumSet.of(STOPPED, EXITED, FAILED, PREEMPTED, LOST, TERMINATED)),
            Map.entry(STOPPED, EnumSet.of(SCHEDULED, PENDING, TERMINATED)),
            Map.entry(EXITED, EnumSet.of(SCHEDULED, PENDING, TERMINATED)),
            Map.entry(FAILED, EnumSet.of(TERMINATED)),
            Map.entry(PREEMPTED, EnumSet.of(SCHEDULED, STOPPED, TERMINATED)),
            Map.entry(LOST, EnumSet.of(SCHEDULED, FAILED, TERMINATED)),
            Map.entry(TERMINATED, EnumSet.noneOf(PodState.class)));

    /** Whether a pod may go from this state to {@code next}. */
    public boolean canBecome(PodState next) {
        return NEXT.get(this).contains(next);
    }

    /** The states this one may become, for error messages. */
    public Set<PodState> next() {
        Set<PodState> next = NEXT.get(this);
        return next.isEmpty() ? EnumSet.noneOf(PodState.class) : EnumSet.copyOf(next);
    }

    /** Whether a pod in this state holds GPUs, CPU and RAM on its host. */
    public boolean holdsGpus() {
        return this == SCHEDULED || this == STARTING || this == RUNNING || this == STOPPING;
    }

    /** Whether a pod in this state (and placed on a host) holds its disk there. */
    public boolean holdsDisk() {
        return this != TERMINATED && this != FAILED;
    }

    /** Whether the renter is billed for time in this state. */
    public boolean billed() {
        return this == RUNNING;
    }

    /** The states that hold GPUs, as SQL literals for {@code state IN (...)}. */
    public static String gpuHoldingSqlList() {
        return "'SCHEDULED', 'STARTING', 'RUNNING', 'STOPPING'";
    }
}
