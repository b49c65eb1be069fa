package dev.assay.agent.bench;

/**
 * One measured figure: the best of {@code repeats} timed runs and their median, in {@code unit}, with
 * how it was measured. {@code simulated} is true only for figures a simulated agent invents.
 */
public record Figure(String name, double best, double median, String unit, int repeats, String method,
                     boolean simulated) {}
