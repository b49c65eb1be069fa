package dev.assay.loadgen;

import dev.assay.loadgen.report.LoadReport;
import java.util.concurrent.CountDownLatch;

/**
 * One side of a load run (the agents, the renters). {@link #prepare} does what must happen before the clock starts
 * (enrolling, signing up) and {@link #run} makes the load until the plan's bounds, recording into the report.
 */
public interface LoadPart {

    String name();

    /** Sets up before the measured window; failures here stop the run with their message. */
    void prepare(LoadPlan plan, LoadReport report) throws Exception;

    /**
     * Makes the load. {@code go} opens when every part is prepared, so the measured windows coincide; returns at
     * the deadline or when the part's operation bound is reached, having released what it holds.
     */
    void run(LoadPlan plan, LoadReport report, CountDownLatch go) throws Exception;
}
