package dev.assay.loadgen.renters;

import dev.assay.loadgen.LoadPart;
import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.report.LoadReport;
import java.util.concurrent.CountDownLatch;

/** The renters' side of a load run. Being built (issue [7]); until then it refuses to run. */
public final class RenterCrowd implements LoadPart {

    @Override
    public String name() {
        return "renters";
    }

    @Override
    public void prepare(LoadPlan plan, LoadReport report) {
        throw new UnsupportedOperationException("the renters' load is not built yet");
    }

    @Override
    public void run(LoadPlan plan, LoadReport report, CountDownLatch go) {
        throw new UnsupportedOperationException("the renters' load is not built yet");
    }
}
