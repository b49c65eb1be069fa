import { apiFetch } from '../api';
import type { Balance, LedgerPage, Usage } from './types';

/** The billing endpoints (docs/billing.md); they need a key with the `billing` scope. */
export function billingApi(apiKey: string | null) {
  return {
    balance: () => apiFetch<Balance>('/v1/billing/balance', { apiKey }),
    /** What the organisation's pods were charged for periods starting in [from, to). */
    usage: (from: Date, to: Date) =>
      apiFetch<Usage>(
        `/v1/billing/usage?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
        { apiKey },
      ),
    ledger: (limit: number, cursor?: string) =>
      apiFetch<LedgerPage>(`/v1/billing/ledger?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        apiKey,
      }),
  };
}
