import type { Money } from './types';

/** Dollars for people: cents above a dollar, a tenth of a cent below (GPU-hours are often cheap). */
export function dollars(money: Money | undefined): string {
  if (!money) return '—';
  const amount = Number(money.dollars);
  return `$${amount.toFixed(amount !== 0 && Math.abs(amount) < 1 ? 3 : 2)}`;
}

export function perHour(money: Money | undefined): string {
  return money ? `${dollars(money)}/h` : '—';
}

/** A 0..1 share as a percentage with one decimal. */
export function percent(share: number | undefined): string {
  return share === undefined || share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

export function decimal(n: number | undefined, digits = 1): string {
  return n === undefined || n === null || !Number.isFinite(n) ? '—' : n.toFixed(digits);
}

/** Catalogue ids and enum names read better in title case ("SECURE" → "Secure"). */
export function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}
