import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ago, dollars } from './format';
import type { HostsApi } from './hostsApi';

const DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

/** The last {@link DAYS} UTC days, today included, oldest first: the earnings endpoint's windows (stable keys). */
export function dayWindows(now: number): { label: string; from: string; to: string }[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: DAYS }, (_, i) => {
    const start = today - (DAYS - 1 - i) * DAY_MS;
    return {
      label: new Date(start).toISOString().slice(5, 10),
      from: new Date(start).toISOString(),
      to: new Date(start + DAY_MS).toISOString(),
    };
  });
}

/**
 * What the machine earned, from the ledger: a bar per day of the last week (one windowed call each) and the
 * pods that ran on it, most recently metered first (a pod metered moments ago is running there now).
 */
export function EarningsPanel({ api, hostId, now: fixedNow }: { api: HostsApi; hostId: string; now?: number }) {
  // Fixed when the panel opens, so the day windows (and their query keys) stay the same between renders.
  const [now] = useState(() => fixedNow ?? Date.now());
  const all = useQuery({ queryKey: ['hosts', 'earnings', hostId], queryFn: () => api.earnings(hostId), refetchInterval: 30_000 });
  const windows = dayWindows(now);
  const days = useQueries({
    queries: windows.map((w) => ({
      queryKey: ['hosts', 'earnings', hostId, w.from],
      queryFn: () => api.earnings(hostId, { from: w.from, to: w.to }),
      staleTime: 60_000,
    })),
  });
  const series = windows.map((w, i) => ({ day: w.label, dollars: (days[i].data?.total.micros ?? 0) / 1_000_000 }));
  const dayError = days.find((d) => d.isError)?.error;

  return (
    <section aria-labelledby="earnings-title">
      <h4 id="earnings-title">Earnings</h4>
      {all.isPending && <p>Loading earnings…</p>}
      {all.isError && <p role="alert">{all.error.message}</p>}
      {all.data && (
        <p>
          Total {dollars(all.data.total)} from {all.data.pods} pods{all.data.simulated && ' · SIMULATED machine'}
        </p>
      )}
      {dayError && <p role="alert">{dayError.message}</p>}
      <figure aria-label="earnings per day" style={{ margin: 0, maxWidth: '100%', overflowX: 'auto' }}>
        <BarChart width={560} height={220} data={series} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis tickFormatter={(v: number) => `$${v}`} />
          <Tooltip formatter={(v) => [`$${Number(v).toFixed(2)}`, 'earned']} />
          <Bar dataKey="dollars" name="earned" fill="#2563eb" />
        </BarChart>
        <figcaption>Earned per day (UTC), the last {DAYS} days; the platform fee is not the host's.</figcaption>
      </figure>
      {all.data && all.data.recent_pods.length > 0 && (
        <table aria-label="pods on this machine">
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Earned</th>
              <th scope="col">First metered</th>
              <th scope="col">Last metered</th>
            </tr>
          </thead>
          <tbody>
            {all.data.recent_pods.map((p) => (
              <tr key={p.pod_id}>
                <td>{p.pod_id}</td>
                <td>{dollars(p.amount)}</td>
                <td>{new Date(p.first_period_from).toLocaleString()}</td>
                <td>{ago(p.last_period_to, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {all.data && all.data.recent_pods.length === 0 && <p>No pod has run on this machine yet.</p>}
    </section>
  );
}
