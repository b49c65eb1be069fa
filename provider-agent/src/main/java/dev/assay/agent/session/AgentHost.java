package dev.assay.agent.session;

import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.GpuTelemetry;
import dev.assay.proto.agent.v1.HostBenchmark;
import java.util.List;
import java.util.Optional;

/**
 * The GPUs this agent offers, as the session reports them: real ones (NVML and the CUDA benchmark suite) or
 * SIMULATED ones (a SKU from the catalogue, for the demo fleet and tests). Implementations are thread-safe.
 */
public interface AgentHost {

    /** True when every GPU figure is made up (SIMULATED); Hello and reports say so. */
    boolean simulated();

    /** Hello's GPU list, in NVML index order. */
    List<GpuInventory> gpus();

    String driverVersion();

    String cudaDriverVersion();

    /** What the heartbeat says of each GPU now; cheap, called every heartbeat. May be empty. */
    List<GpuTelemetry> telemetry();

    /** The suite version(s) the figures of {@link #benchmark} and {@link #benchmarkHost} belong to. */
    String suiteVersion();

    /** Runs the benchmarks on these GPUs (empty: all). Slow on real GPUs: never call it on a gRPC thread. */
    List<GpuBenchmark> benchmark(List<Integer> gpuIndices);

    /**
     * Measures the host itself (CPU, RAM, disk). Empty where nothing is measured: a SIMULATED host sends no host
     * figures at all (the marketplace reads missing ones as 0), so nothing simulated looks measured. Slow (seconds):
     * never call it on a gRPC thread.
     */
    Optional<HostBenchmark> benchmarkHost();

    /** The well-known per-GPU figure names of the contract, and their units. */
    String TENSOR_BF16_TFLOPS = "tensor_bf16_tflops";
    String FP32_TFLOPS = "fp32_tflops";
    String MEMORY_BANDWIDTH_GBPS = "memory_bandwidth_gbps";
    String HOST_TO_DEVICE_GBPS = "host_to_device_gbps";
    String DEVICE_TO_HOST_GBPS = "device_to_host_gbps";
    String TFLOPS = "TFLOP/s";
    String GBPS = "GB/s";
}
