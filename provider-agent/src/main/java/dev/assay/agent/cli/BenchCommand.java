package dev.assay.agent.cli;

import dev.assay.agent.bench.BenchOptions;
import dev.assay.agent.bench.BenchReport;
import dev.assay.agent.bench.BenchSuite;
import dev.assay.agent.bench.Figure;
import dev.assay.agent.bench.NoCudaDriver;
import dev.assay.agent.json.AgentJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code assay-agent bench}: measure one GPU through the CUDA driver API and print the figures.
 * Exit codes: 0 all figures measured, 1 some part failed (listed under errors), 3 no CUDA driver or device.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a GPU through the CUDA driver API: copy, triad and host transfer bandwidth, "
                + "FP32 FMA, BF16 and INT8 tensor throughput.")
final class BenchCommand implements Callable<Integer> {

    static final int PARTLY_FAILED = 1;
    static final int NO_CUDA = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--device", defaultValue = "0", description = "CUDA device ordinal (default: ${DEFAULT-VALUE}).")
    int device;

    @Option(names = "--copy-mib", defaultValue = "1024",
            description = "Buffer size of the device copy and of each triad array, MiB (default: ${DEFAULT-VALUE}).")
    long copyMib;

    @Option(names = "--host-mib", defaultValue = "256",
            description = "Pinned buffer size of the host transfers, MiB (default: ${DEFAULT-VALUE}).")
    long hostMib;

    @Option(names = "--repeats", defaultValue = "10", description = "Timed runs per figure (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmups", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--ptx", description = "Load the kernels from this PTX file instead of the one in the jar.")
    Path ptx;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BenchOptions options;
        try {
            options = new BenchOptions(device, copyMib, hostMib, warmups, repeats, ptx);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchReport report;
        try {
            report = BenchSuite.run(options, AgentVersion.current());
        } catch (NoCudaDriver e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("assay-agent bench: " + e.getMessage());
            err.flush();
            return NO_CUDA;
        }
        if (json) {
            out.println(AgentJson.write(report));
        } else {
            print(out, report);
        }
        out.flush();
        return report.errors().isEmpty() ? 0 : PARTLY_FAILED;
    }

    private static void print(PrintWriter out, BenchReport report) {
        out.printf("%s on %s (compute %s, %d SMs, CUDA driver %s), agent %s%n", report.suiteVersion(),
                report.device(), report.computeCapability(), report.multiprocessors(), report.cudaDriverVersion(),
                report.agentVersion());
        out.printf("%-24s %12s %12s  %-8s %s%n", "figure", "best", "median", "unit", "method");
        for (Figure f : report.figures()) {
            out.printf("%-24s %12.2f %12.2f  %-8s %s%n", f.name(), f.best(), f.median(), f.unit(), f.method());
        }
        report.checks().forEach(c -> out.println("check: " + c));
        report.errors().forEach(e -> out.println("error: " + e));
    }
}
