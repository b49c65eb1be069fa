#!/usr/bin/env bash
# One device run: what the GPU is, what the agent probes and measures, what PyTorch measures the same
# way, and a comparison table. Usage: gpu-check.sh DIR (the folder prepare.sh made). Writes its log,
# the JSON reports and nvcc's PTX to $OUT (or /tmp/gpu-check). Changes no GPU setting.
set -u
dir=$(cd "${1:-.device}" && pwd)
out=${OUT:-/tmp/gpu-check}
mkdir -p "$out"
java="$dir/jre/bin/java"
exec > >(tee "$out/gpu-check.log") 2>&1

echo "== date"; date -u
echo "== nvidia-smi"; nvidia-smi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,power.draw,power.limit,temperature.gpu \
    --format=csv

echo "== ptxas on the shipped, hand-written PTX (registers, spills; errors with line numbers)"
if command -v ptxas >/dev/null; then
    timeout 60 ptxas -v -arch=sm_90 -o /tmp/shipped.cubin "$dir/assay_bench.ptx" 2>&1
    timeout 60 cuobjdump --dump-sass /tmp/shipped.cubin 2>/dev/null | grep -c -E 'HMMA|IMMA' \
        | sed 's/^/tensor instructions (HMMA|IMMA) in SASS: /'
fi
echo "== nvcc -ptx from assay_bench.cu"
if command -v nvcc >/dev/null; then
    nvcc --version | tail -2
    timeout 120 nvcc -ptx -arch=sm_80 -o "$out/assay_bench.nvcc.ptx" "$dir/assay_bench.cu" && echo "generated"
fi

echo "== assay-agent probe (NVML)"
timeout 60 "$java" -jar "$dir/assay-agent.jar" probe > "$out/probe-nvml.json"; echo "exit $?"
cat "$out/probe-nvml.json"
echo "== assay-agent probe --gpu-source nvidia_smi"
timeout 60 "$java" -jar "$dir/assay-agent.jar" probe --gpu-source nvidia_smi > "$out/probe-smi.json"; echo "exit $?"
python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['gpu'], indent=1))" "$out/probe-smi.json"

echo "== assay-agent bench (shipped PTX), then the host suite (disk figures in /tmp)"
timeout 180 "$java" -jar "$dir/assay-agent.jar" bench --json --disk-dir /tmp > "$out/bench-agent.json"; echo "exit $?"
cat "$out/bench-agent.json"
echo "== assay-agent bench again (run-to-run spread)"
timeout 180 "$java" -jar "$dir/assay-agent.jar" bench --host-quick --disk-dir /tmp; echo "exit $?"
runs=("$out/bench-agent.json")
if [ -s "$out/assay_bench.nvcc.ptx" ]; then
    echo "== assay-agent bench --ptx (nvcc's PTX)"
    timeout 180 "$java" -jar "$dir/assay-agent.jar" bench --json --host-quick --disk-dir /tmp --ptx "$out/assay_bench.nvcc.ptx" \
        > "$out/bench-agent-nvcc.json"; echo "exit $?"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); [print(f['name'], f['best'], f['median'], f['unit']) for f in r['figures']]; print('errors', r['errors'])" "$out/bench-agent-nvcc.json"
    runs+=("$out/bench-agent-nvcc.json")
fi

echo "== PyTorch, same quantities, same conventions"
timeout 240 python3 "$dir/torch_compare.py" "$out/torch.json" "${runs[@]}"
echo "== clocks after the run"
nvidia-smi --query-gpu=clocks.sm,clocks.mem,power.draw,temperature.gpu,clocks_event_reasons.active --format=csv
sleep 1 # let tee write the last lines
