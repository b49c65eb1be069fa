package dev.assay.agent.probe;

/** The host facts other than GPUs that the agent reports in its Hello. */
public record HostSnapshot(String cpuModel, int cpuCores, long ramMib) {}
