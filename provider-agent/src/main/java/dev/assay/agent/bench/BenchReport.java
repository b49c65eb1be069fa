package dev.assay.agent.bench;

import java.util.List;

/**
 * What {@code assay-agent bench} measured on one GPU, under one suite version. {@code errors} lists the
 * parts that failed (a kernel the driver would not load, say); their figures are absent, never zero.
 */
public record BenchReport(String suiteVersion, String agentVersion, String device, String computeCapability,
                          int multiprocessors, String cudaDriverVersion, List<Figure> figures,
                          List<String> checks, List<String> errors) {}
