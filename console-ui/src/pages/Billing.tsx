import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../session';
import { billingApi } from '../billing/billingApi';
import { UsageChart } from '../billing/UsageChart';
import { LedgerTable } from '../billing/LedgerTable';
import { formatMoney } from '../pods/money';
import type { LedgerEntry } from '../billing/types';

const LEDGER_PAGE = 25;
const WINDOWS = [1, 7, 30] as const;
const NO_ENTRIES: LedgerEntry[] = [];
const DAY_MS = 24 * 60 * 60 * 1000;

/** The usage span ends when it is chosen, so the query key (and the answer) stays put between renders. */
function lastDays(days: number) {
  const to = new Date();
  return { days, from: new Date(to.getTime() - days * DAY_MS), to };
}

/** Billing (#/billing): balance, what the pods were charged (chart), and the ledger. */
export function BillingPage() {
  const { apiKey } = useSession();
  const api = useMemo(() => billingApi(apiKey), [apiKey]);
  const [span, setSpan] = useState(() => lastDays(30));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const balance = useQuery({ queryKey: ['billing', 'balance'], queryFn: () => api.balance(), refetchInterval: 30_000 });
  const usage = useQuery({
    queryKey: ['billing', 'usage', span.from.toISOString(), span.to.toISOString()],
    queryFn: () => api.usage(span.from, span.to),
  });
  const ledger = useQuery({
    queryKey: ['billing', 'ledger', cursor ?? null],
    queryFn: () => api.ledger(LEDGER_PAGE, cursor),
    refetchInterval: cursor ? false : 30_000,
  });

  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Billing</h2>

      <h3>Balance</h3>
      {balance.isPending && <p>Loading the balance…</p>}
      {balance.isError && <p role="alert">{balance.error.message}</p>}
      {balance.data && (
        <dl>
          <dt>Balance</dt>
          <dd data-testid="balance">{formatMoney(balance.data.balance)}</dd>
          <dt>Owed to you for your hosts&apos; work</dt>
          <dd>{formatMoney(balance.data.host_payable)}</dd>
        </dl>
      )}

      <h3>Usage</h3>
      <label>
        Window{' '}
        <select value={span.days} onChange={(e) => setSpan(lastDays(Number(e.target.value)))}>
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              last {d === 1 ? 'day' : `${d} days`}
            </option>
          ))}
        </select>
      </label>
      {usage.isPending && <p>Loading usage…</p>}
      {usage.isError && <p role="alert">{usage.error.message}</p>}
      {usage.data && (
        <>
          <p>
            Charged {formatMoney(usage.data.charged)} for {usage.data.pods_charged} pod
            {usage.data.pods_charged === 1 ? '' : 's'}.
          </p>
          <UsageChart pods={usage.data.pods ?? []} />
        </>
      )}

      <h3>Ledger</h3>
      {ledger.isPending && <p>Loading the ledger…</p>}
      {ledger.isError && <p role="alert">{ledger.error.message}</p>}
      <LedgerTable entries={ledger.data?.items ?? NO_ENTRIES} />
      <nav aria-label="ledger pages">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer entries
        </button>{' '}
        <button
          type="button"
          disabled={!ledger.data?.next_cursor}
          onClick={() => setCursors((c) => [...c, ledger.data?.next_cursor])}
        >
          Older entries
        </button>
      </nav>
    </section>
  );
}
