import type { Money } from '../pods/money';

/** `GET /v1/billing/balance`. */
export interface Balance {
  org_id: string;
  balance: Money;
  host_payable: Money;
}

/** One transfer as the organisation sees it (`GET /v1/billing/ledger`). */
export interface LedgerEntry {
  transfer_id: string;
  kind: 'credit' | 'usage' | 'fee' | 'refund';
  from_account: string;
  to_account: string;
  amount: Money;
  balance_change: Money;
  host_payable_change: Money;
  pod_id?: string;
  period_from?: string;
  period_to?: string;
  reference?: string;
  created_at: string;
}

export interface LedgerPage {
  items: LedgerEntry[];
  next_cursor?: string;
}

/** One pod's charges in the window; `charged` includes `platform_fee`. */
export interface PodUsage {
  pod_id: string;
  name?: string;
  type?: string;
  gpu_count?: number;
  host_id?: string;
  charged: Money;
  platform_fee: Money;
  first_period_from: string;
  last_period_to: string;
  periods: number;
}

/** `GET /v1/billing/usage`. */
export interface Usage {
  org_id: string;
  from: string;
  to: string;
  charged: Money;
  pods_charged: number;
  pods: PodUsage[];
}
