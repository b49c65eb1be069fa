import { ago, percent } from './format';
import type { Host } from './types';

/** The small cells both the machines table and a machine's page show: what the market and the agent say now. */

export function VerificationBadge({ host }: { host: Host }) {
  return (
    <>
      {host.verification === 'VERIFIED' ? <span className="badge verified">VERIFIED</span> : <span>{host.verification}</span>}
      {host.simulated && <span className="badge simulated">SIMULATED</span>}
    </>
  );
}

export function gpuSummary(host: Host): string {
  if (host.gpus.length === 0) {
    return 'no GPUs reported yet';
  }
  const scores = host.gpus.map((g) => g.score.toFixed(1)).join(' / ');
  return `${host.gpus.length}× ${host.gpus[0].model} · score ${scores}`;
}

/** "PLAUSIBLE ×2" or each GPU's verdict when they differ; findings follow in words. */
export function benchmarkSummary(host: Host): string {
  const benchmarks = host.latest_benchmarks;
  if (benchmarks.length === 0) {
    return 'not benchmarked yet';
  }
  const counts = new Map<string, number>();
  benchmarks.forEach((b) => counts.set(b.verdict, (counts.get(b.verdict) ?? 0) + 1));
  const verdicts = [...counts].map(([verdict, n]) => `${verdict} ×${n}`).join(', ');
  const findings = benchmarks.flatMap((b) => b.findings.map((f) => `GPU ${b.gpu_index}: ${f}`));
  return findings.length ? `${verdicts} (${findings.join('; ')})` : verdicts;
}

export function healthSummary(host: Host): string {
  const h = host.health;
  return `reliability ${percent(h.reliability)} · uptime 30d ${percent(h.uptime_30d)} · ${h.host_failures_30d} failures (30d)`;
}

/** The agent's latest heartbeat: connected or not, when last heard, and each GPU's temperature, power and load. */
export function AgentReadings({ host, now }: { host: Host; now?: number }) {
  const agent = host.agent;
  if (!agent?.connected) {
    return <span>{host.simulated && !agent ? 'no agent (SIMULATED demo machine)' : 'agent not connected'}</span>;
  }
  return (
    <span>
      connected · heard {ago(agent.last_heard_at, now)}
      {host.simulated && ' · SIMULATED readings'}
      {agent.gpus.map((g) => (
        <span key={g.index} className="reading">
          {' · '}GPU {g.index}: {g.temperature_celsius} °C, {g.power_draw_watts.toFixed(0)} W, {g.utilization_gpu_percent} % busy
        </span>
      ))}
    </span>
  );
}
