import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMicros, MICROS_PER_DOLLAR } from '../pods/money';
import type { PodUsage } from './types';

/** Bars are drawn from floats; every figure a person reads is formatted from the exact micro-dollars. */
interface Bar {
  pod: string;
  hostShare: number;
  platformFee: number;
  chargedMicros: number;
}

/** The window's charges per pod, split into what the host got and the platform fee, with the figures as a table. */
export function UsageChart({ pods }: { pods: PodUsage[] }) {
  if (pods.length === 0) {
    return <p>No pod was charged in this window.</p>;
  }
  const bars: Bar[] = pods.map((p) => ({
    pod: p.name ?? p.pod_id,
    hostShare: (p.charged.micros - p.platform_fee.micros) / MICROS_PER_DOLLAR,
    platformFee: p.platform_fee.micros / MICROS_PER_DOLLAR,
    chargedMicros: p.charged.micros,
  }));
  return (
    <>
      <figure aria-label="usage by pod" role="group">
        {/* A fixed size: a responsive container measures 0 × 0 before layout and warns. */}
        <BarChart width={720} height={260} data={bars} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="pod" />
          <YAxis tickFormatter={(d: number) => `$${d.toFixed(2)}`} />
          <Tooltip formatter={(value) => `$${Number(value).toFixed(6)}`} />
          <Legend />
          <Bar dataKey="hostShare" name="to the host" stackId="charged" fill="#2563eb" />
          <Bar dataKey="platformFee" name="platform fee" stackId="charged" fill="#f59e0b" />
        </BarChart>
        <figcaption>Charged per pod in this window (host share and platform fee).</figcaption>
      </figure>
      <table aria-label="usage by pod, figures">
        <thead>
          <tr>
            <th scope="col">Pod</th>
            <th scope="col">Type</th>
            <th scope="col">GPUs</th>
            <th scope="col">Charged</th>
            <th scope="col">Platform fee</th>
            <th scope="col">Billed from</th>
            <th scope="col">to</th>
          </tr>
        </thead>
        <tbody>
          {pods.map((p) => (
            <tr key={p.pod_id}>
              <td>{p.name ?? p.pod_id}</td>
              <td>{p.type ?? '—'}</td>
              <td>{p.gpu_count ?? '—'}</td>
              <td>{formatMicros(p.charged.micros)}</td>
              <td>{formatMicros(p.platform_fee.micros)}</td>
              <td>{new Date(p.first_period_from).toLocaleString()}</td>
              <td>{new Date(p.last_period_to).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
