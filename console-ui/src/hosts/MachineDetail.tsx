import { useQuery } from '@tanstack/react-query';
import { EarningsPanel } from './EarningsPanel';
import { percent } from './format';
import type { HostsApi } from './hostsApi';
import { OfferForm } from './OfferForm';
import { PriceAdvicePanel } from './PriceAdvicePanel';
import { AgentReadings, VerificationBadge } from './readings';

/** How often a machine's page asks again: the agent's heartbeat readings change every few seconds. */
const LIVE_REFRESH_MS = 5_000;

/** One machine: GPUs with scores, benchmark verdicts and findings, health, live agent readings, offer, earnings. */
export function MachineDetail({ api, hostId, onClose }: { api: HostsApi; hostId: string; onClose?: () => void }) {
  const host = useQuery({ queryKey: ['hosts', 'one', hostId], queryFn: () => api.getHost(hostId), refetchInterval: LIVE_REFRESH_MS });
  const advice = useQuery({
    queryKey: ['hosts', 'advice', hostId],
    queryFn: () => api.priceAdvice(hostId),
    enabled: (host.data?.gpus.length ?? 0) > 0,
    retry: false,
  });

  if (host.isPending) {
    return <p>Loading machine {hostId}…</p>;
  }
  if (host.isError) {
    return <p role="alert">{host.error.message}</p>;
  }
  const h = host.data;
  const benchmarks = new Map(h.latest_benchmarks.map((b) => [b.gpu_index, b]));
  const readings = new Map((h.agent?.gpus ?? []).map((r) => [r.index, r]));

  return (
    <section aria-labelledby="machine-title" className="panel">
      <h3 id="machine-title">
        {h.name} <VerificationBadge host={h} />
      </h3>
      {onClose && (
        <button type="button" onClick={onClose}>
          Close
        </button>
      )}
      <p>
        {h.status} · {h.machine.tier} · {h.machine.region} {h.machine.datacenter} ({h.machine.geolocation}) · {h.machine.cpu_cores}{' '}
        cores, {h.machine.ram_gb} GB RAM, {h.machine.disk_gb} GB disk · driver {h.machine.driver_version}, CUDA{' '}
        {h.machine.cuda_version}
      </p>
      <p>
        Agent: <AgentReadings host={h} />
      </p>
      <table aria-label="GPUs of this machine">
        <thead>
          <tr>
            <th scope="col">GPU</th>
            <th scope="col">Assay Score</th>
            <th scope="col">BF16 TFLOPS</th>
            <th scope="col">FP32 TFLOPS</th>
            <th scope="col">Memory GB/s</th>
            <th scope="col">PCIe GB/s</th>
            <th scope="col">Benchmark verdict</th>
            <th scope="col">Live</th>
          </tr>
        </thead>
        <tbody>
          {h.gpus.map((g) => {
            const b = benchmarks.get(g.index);
            const r = readings.get(g.index);
            return (
              <tr key={g.index}>
                <td>
                  {g.index}: {g.model}, {g.vram_gb} GB
                </td>
                <td>{g.score.toFixed(1)}</td>
                <td>{g.tflops_bf16}</td>
                <td>{g.tflops_fp32}</td>
                <td>{g.mem_bw_gbps}</td>
                <td>{g.pcie_bw_gbps}</td>
                <td>
                  {b ? b.verdict : 'none yet'}
                  {b?.findings?.length ? `: ${b.findings.join('; ')}` : ''}
                </td>
                <td>
                  {r
                    ? `${r.temperature_celsius} °C, ${r.power_draw_watts.toFixed(0)} W, ${r.utilization_gpu_percent} % busy, ${r.memory_used_mib} MiB`
                    : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl aria-label="health">
        <dt>Reliability (ranked by)</dt>
        <dd>
          {percent(h.health.reliability)} (mean {percent(h.health.reliability_mean)})
        </dd>
        <dt>Uptime</dt>
        <dd>
          1 day {percent(h.health.uptime_1d)} · 7 days {percent(h.health.uptime_7d)} · 30 days {percent(h.health.uptime_30d)}
        </dd>
        <dt>Host-caused failures (30 days)</dt>
        <dd>{h.health.host_failures_30d}</dd>
      </dl>
      <h4>Prices</h4>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' }}>
        <div style={{ flex: '1 1 24rem' }}>
          <OfferForm key={h.id} api={api} host={h} suggestion={advice.data?.suggested_per_gpu_hour} />
        </div>
        <div style={{ flex: '1 1 24rem' }}>
          {h.gpus.length > 0 ? <PriceAdvicePanel advice={advice} /> : <p>Price advice comes once the machine has reported its GPUs.</p>}
        </div>
      </div>
      <EarningsPanel api={api} hostId={h.id} />
    </section>
  );
}
