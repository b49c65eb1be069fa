package dev.assay.agent.bench.host;

import java.util.List;

/**
 * What {@link HostBenchSuite} measured on this machine, under one suite version. {@code notes} say what a reader
 * needs to weigh the figures (multi-core scaling, whether the disk read bypassed the page cache); {@code errors}
 * list the parts that failed, whose figures are then absent, never zero.
 */
public record HostBenchReport(String suiteVersion, String cpuModel, int threads, List<HostFigure> figures,
                              List<String> notes, List<String> errors) {

    public HostBenchReport {
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
        errors = List.copyOf(errors);
    }
}
