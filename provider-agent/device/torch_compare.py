"""Measures with PyTorch what `assay-agent bench` measures, by the same conventions, and prints a table.

Usage: torch_compare.py TORCH_JSON AGENT_JSON [AGENT_JSON...]
Conventions (as BenchSuite): best and median of 10 CUDA-event-timed runs after 3 warm-ups; a copy of
N bytes counts 2N bytes (read + write), a triad over N floats 12N bytes, host transfers N bytes;
GB = 1e9 bytes; a matrix product M x N x K counts 2MNK operations. Inputs are random, never zeros.
"""
import json
import sys

COPY_MIB, HOST_MIB, GEMM = 1024, 256, 8192


def timed(torch, fn, amount, warmups=3, repeats=10):
    for _ in range(warmups):
        fn()
    torch.cuda.synchronize()
    ms = []
    for _ in range(repeats):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        end.synchronize()
        ms.append(start.elapsed_time(end))
    ms.sort()
    return {"best": amount / (ms[0] / 1e3), "median": amount / (ms[len(ms) // 2] / 1e3)}


def measure():
    import torch
    print("torch", torch.__version__, "CUDA", torch.version.cuda, "device", torch.cuda.get_device_name(0))
    dev = torch.device("cuda")
    r = {}
    n = COPY_MIB * 2**20 // 4
    a = torch.rand(n, device=dev)
    b = torch.empty_like(a)
    r["d2d_copy_bandwidth"] = timed(torch, lambda: b.copy_(a), 2 * n * 4 / 1e9)
    assert torch.equal(a, b)
    try:  # diagnostic: the runtime's own device-to-device memcpy on the same buffers, as the agent's call
        import cupy
        src, dst = a.data_ptr(), b.data_ptr()
        rt = timed(torch, lambda: cupy.cuda.runtime.memcpy(dst, src, n * 4, cupy.cuda.runtime.memcpyDeviceToDevice),
                   2 * n * 4 / 1e9)
        print(f"diagnostic: cudaMemcpy DtoD (CuPy) 1 GiB: best {rt['best']:.1f} GB/s, median {rt['median']:.1f} GB/s")
    except Exception as e:  # noqa: BLE001 - a diagnostic only
        print("diagnostic cudaMemcpy DtoD not measured:", e)
    c = torch.rand(n, device=dev)
    r["triad_bandwidth"] = timed(torch, lambda: torch.add(a, c, alpha=3.0, out=b), 3 * n * 4 / 1e9)
    del a, b, c
    hb = HOST_MIB * 2**20
    host = torch.randint(0, 255, (hb,), dtype=torch.uint8).pin_memory()
    d = torch.empty(hb, dtype=torch.uint8, device=dev)
    r["h2d_pinned_bandwidth"] = timed(torch, lambda: d.copy_(host), hb / 1e9)
    r["d2h_pinned_bandwidth"] = timed(torch, lambda: host.copy_(d), hb / 1e9)
    del host, d
    x = torch.randn(GEMM, GEMM, device=dev, dtype=torch.bfloat16)
    y = torch.randn(GEMM, GEMM, device=dev, dtype=torch.bfloat16)
    r["bf16_tensor_throughput"] = timed(torch, lambda: x @ y, 2 * GEMM**3 / 1e12)
    torch.backends.cuda.matmul.allow_tf32 = False
    xf, yf = x.float(), y.float()
    r["fp32_fma_throughput"] = timed(torch, lambda: xf @ yf, 2 * GEMM**3 / 1e12)
    del xf, yf
    try:
        xi = torch.randint(-128, 127, (GEMM, GEMM), device=dev, dtype=torch.int8)
        yi = torch.randint(-128, 127, (GEMM, GEMM), device=dev, dtype=torch.int8).t().contiguous().t()
        r["int8_tensor_throughput"] = timed(torch, lambda: torch._int_mm(xi, yi), 2 * GEMM**3 / 1e12)
    except Exception as e:  # noqa: BLE001 - older builds lack _int_mm; the table says so
        print("int8 matmul not measured:", e)
    return r


WHAT = {
    "d2d_copy_bandwidth": "Tensor.copy_ 1 GiB fp32",
    "triad_bandwidth": "torch.add(a, c, alpha=3, out=b) 1 GiB arrays",
    "h2d_pinned_bandwidth": "copy_ from pin_memory() 256 MiB",
    "d2h_pinned_bandwidth": "copy_ into pin_memory() 256 MiB",
    "bf16_tensor_throughput": "bf16 matmul 8192^3 (cuBLAS)",
    "fp32_fma_throughput": "fp32 matmul 8192^3, TF32 off (cuBLAS SGEMM)",
    "int8_tensor_throughput": "torch._int_mm 8192^3 int8",
}


def main():
    torch_json, agent_jsons = sys.argv[1], sys.argv[2:]
    try:
        theirs = measure()
    except ImportError:
        print("PyTorch is absent on this machine: no comparison")
        theirs = {}
    json.dump(theirs, open(torch_json, "w"), indent=1)
    for path in agent_jsons:
        try:
            agent = json.load(open(path))
        except (OSError, ValueError) as e:
            print(f"{path}: no agent report ({e})")
            continue
        print(f"\n{agent['suiteVersion']} on {agent['device']}, CUDA driver {agent['cudaDriverVersion']}; "
              f"agent report {path.rsplit('/', 1)[-1]}")
        print(f"{'quantity':<24} {'unit':<8} {'agent best':>11} {'torch best':>11} {'ratio':>6} "
              f"{'agent med':>10} {'torch med':>10} {'ratio':>6}  torch measured")
        for f in agent["figures"]:
            t = theirs.get(f["name"])
            if t is None:
                print(f"{f['name']:<24} {f['unit']:<8} {f['best']:>11.2f} {'-':>11}")
                continue
            print(f"{f['name']:<24} {f['unit']:<8} {f['best']:>11.2f} {t['best']:>11.2f} "
                  f"{f['best'] / t['best']:>6.3f} {f['median']:>10.2f} {t['median']:>10.2f} "
                  f"{f['median'] / t['median']:>6.3f}  {WHAT[f['name']]}")
        for e in agent["errors"]:
            print("agent error:", e)


if __name__ == "__main__":
    main()
