import type { Money } from './types';

/** "$0.45" from the API's money; micro-dollars below a cent keep their digits rather than round to $0.00. */
export function dollars(money: Money | undefined): string {
  if (!money) {
    return '—';
  }
  const value = money.micros / 1_000_000;
  return `$${value.toFixed(Math.abs(value) < 0.01 && value !== 0 ? 6 : 2)}`;
}

/** A share 0..1 as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** How long ago an instant was, in words a person reads at a glance ("12 s ago"). */
export function ago(instant: string | undefined, now: number = Date.now()): string {
  if (!instant) {
    return 'never';
  }
  const seconds = Math.max(0, Math.round((now - Date.parse(instant)) / 1000));
  if (seconds < 120) {
    return `${seconds} s ago`;
  }
  if (seconds < 7200) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  return `${Math.round(seconds / 3600)} h ago`;
}

/** The micro-dollar amount as a decimal string the offer form can show and send back ("0.45"). */
export function decimal(money: Money | undefined): string {
  if (!money) {
    return '';
  }
  return (money.micros / 1_000_000).toString();
}
