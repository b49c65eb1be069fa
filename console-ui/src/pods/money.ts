/**
 * Money as the marketplace sends it: exact decimal dollars and whole micro-dollars, never a float. The console
 * does its sums in micro-dollars (integers) so a shown price is exactly what the API will charge.
 */
export interface Money {
  dollars: string;
  micros: number;
}

export const MICROS_PER_DOLLAR = 1_000_000;

/**
 * Reads decimal dollars typed by a person ("0.45", "$1.2", "3") as whole micro-dollars, or null when the text
 * is not an amount with at most six decimals. Parsed from the digits, never through a float.
 */
export function parseDollars(text: string): number | null {
  const match = /^\s*\$?\s*(\d{1,7})(?:\.(\d{0,6}))?\s*$/.exec(text);
  if (!match) {
    return null;
  }
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return Number(match[1]) * MICROS_PER_DOLLAR + Number(fraction);
}

/** Micro-dollars as "$0.391644": six decimals, as the API writes them, so nothing is silently rounded. */
export function formatMicros(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_DOLLAR);
  const fraction = String(abs % MICROS_PER_DOLLAR).padStart(6, '0');
  return `${sign}$${whole}.${fraction}`;
}

/** The API's money object as "$0.450000"; a dash when absent. */
export function formatMoney(money: Money | null | undefined): string {
  return money ? formatMicros(money.micros) : '—';
}

/** Micro-dollars as the decimal dollars string the API's request fields take ("0.450000"). */
export function microsToDollarString(micros: number): string {
  return formatMicros(micros).replace('$', '');
}
