package dev.assay.agent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.agent.bench.BenchOptions;
import dev.assay.agent.bench.BenchReport;
import dev.assay.agent.bench.BenchSuite;
import dev.assay.agent.bench.Figure;
import dev.assay.agent.bench.NoCudaDriver;
import dev.assay.agent.bench.host.HostBenchOptions;
import dev.assay.agent.bench.host.HostBenchReport;
import dev.assay.agent.bench.host.HostBenchSuite;
import dev.assay.agent.bench.host.HostFigure;
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
 * {@code assay-agent bench}: measure one GPU through the CUDA driver API, then the host (CPU, RAM, disk, see
 * {@link HostBenchSuite}), and print the figures. The GPU part runs first, so a machine without a CUDA driver
 * stops at once with exit 3, as before; {@code --host-only} skips the GPU part and works without one. In JSON the
 * GPU report's fields stay at the top level and the host report is under {@code host}.
 * Exit codes: 0 all figures measured, 1 some part failed (listed under errors; a missing {@code --disk-dir}, say),
 * 3 no CUDA driver or device (without {@code --host-only}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a GPU through the CUDA driver API (copy, triad and host transfer bandwidth, "
                + "FP32 FMA, BF16 and INT8 tensor throughput), then the host: CPU single- and multi-core score, "
                + "RAM bandwidth, disk sequential write and read.")
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

    @Option(names = "--host-only", description = "Measure only the host (CPU, RAM, disk): no GPU or CUDA driver needed.")
    boolean hostOnly;

    @Option(names = "--disk-dir", paramLabel = "DIR", defaultValue = "${env:ASSAY_AGENT_STATE:-/var/lib/assay-agent}",
            description = "Directory whose disk the host figures measure, with a temporary file deleted afterwards "
                    + "(default: the agent's state directory, ${DEFAULT-VALUE}).")
    Path diskDir;

    @Option(names = "--host-quick", description = "Host figures in quick mode: about 2 s instead of about 15 s, "
            + "smaller sizes, rougher figures.")
    boolean hostQuick;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BenchOptions options;
        try {
            options = new BenchOptions(device, copyMib, hostMib, warmups, repeats, ptx);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchReport report = null;
        if (!hostOnly) {
            try {
                report = BenchSuite.run(options, AgentVersion.current());
            } catch (NoCudaDriver e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("assay-agent bench: " + e.getMessage());
                err.flush();
                return NO_CUDA;
            }
        }
        HostBenchReport host = HostBenchSuite.run(hostQuick ? HostBenchOptions.quick(diskDir)
                : HostBenchOptions.standard(diskDir));
        if (json) {
            ObjectNode node = report != null ? AgentJson.mapper().valueToTree(report)
                    : AgentJson.mapper().createObjectNode().put("agentVersion", AgentVersion.current());
            node.set("host", AgentJson.mapper().valueToTree(host));
            out.println(AgentJson.write(node));
        } else {
            if (report != null) {
                print(out, report);
            }
            print(out, host);
        }
        out.flush();
        boolean failed = (report != null && !report.errors().isEmpty()) || !host.errors().isEmpty();
        return failed ? PARTLY_FAILED : 0;
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

    private static void print(PrintWriter out, HostBenchReport host) {
        out.printf("%s on %s (%d threads)%n", host.suiteVersion(), host.cpuModel(), host.threads());
        out.printf("%-24s %12s %8s  %-8s %7s  %s%n", "figure", "median", "spread", "unit", "samples", "method");
        for (HostFigure f : host.figures()) {
            out.printf("%-24s %12.2f %7.1f%%  %-8s %7d  %s%n", f.name(), f.value(), f.relativeSpread() * 100,
                    f.unit(), f.samples().size(), f.method());
        }
        host.notes().forEach(n -> out.println("note: " + n));
        host.errors().forEach(e -> out.println("error: " + e));
    }
}
