package dev.assay.loadgen.agents;

import dev.assay.loadgen.LoadPart;
import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.report.LoadReport;
import java.util.concurrent.CountDownLatch;

/** The agents' side of a load run. Being built (issue [7]); until then it refuses to run. */
public final class AgentSwarm implements LoadPart {

    @Override
    public String name() {
        return "agents";
    }

    @Override
    public void prepare(LoadPlan plan, LoadReport report) {
        throw new UnsupportedOperationException("the agents' load is not built yet");
    }

    @Override
    public void run(LoadPlan plan, LoadReport report, CountDownLatch go) {
        throw new UnsupportedOperationException("the agents' load is not built yet");
    }
}
