/**
 * The offers explorer's filters and the query language text (docs/query-language.md) kept in step: the filters
 * write their own terms into the query, leaving every other term, the `order by` and the `limit` the renter typed
 * as they are; and the filters read their values back from a query typed by hand.
 */
export interface OfferFilters {
  /** Catalogue id, e.g. RTX_4090; empty for any. */
  gpuModel: string;
  /** At least this many GPUs in the offer. */
  minGpus: string;
  /** Memory per GPU, GB. */
  minVramGb: string;
  /** Whole offer, dollars per hour. */
  maxPricePerHour: string;
  /** 0..1, the conservative lower bound that search ranks by. */
  minReliability: string;
  region: string;
  /** '' | 'secure' | 'community' */
  tier: string;
  verifiedOnly: boolean;
}

export const NO_FILTERS: OfferFilters = {
  gpuModel: '',
  minGpus: '',
  minVramGb: '',
  maxPricePerHour: '',
  minReliability: '',
  region: '',
  tier: '',
  verifiedOnly: false,
};

/** The query the explorer starts with: every offer, best value first. */
export const DEFAULT_QUERY = 'order by value desc';

type TextKey = Exclude<keyof OfferFilters, 'verifiedOnly'>;

/** Which term each filter owns: its field and operator. Terms of other fields or operators are the renter's. */
const OWNED: { key: keyof OfferFilters; field: string; ops: string[]; write: string }[] = [
  { key: 'gpuModel', field: 'gpu_name', ops: ['=', '=='], write: '=' },
  { key: 'minGpus', field: 'num_gpus', ops: ['>='], write: '>=' },
  { key: 'minVramGb', field: 'gpu_ram', ops: ['>='], write: '>=' },
  { key: 'maxPricePerHour', field: 'price', ops: ['<='], write: '<=' },
  { key: 'minReliability', field: 'reliability', ops: ['>='], write: '>=' },
  { key: 'region', field: 'region', ops: ['=', '=='], write: '=' },
  { key: 'tier', field: 'tier', ops: ['=', '=='], write: '=' },
  { key: 'verifiedOnly', field: 'verified', ops: ['=', '=='], write: '=' },
];

/** One `field op value` term (not `in`/`notin` lists, which no filter writes). */
const TERM = /(^|\s)([A-Za-z_][A-Za-z0-9_]*)\s*(==|!=|<=|>=|=|<|>)\s*([^\s[\]]+)(?=\s|$)/g;
/** Where the terms end: the `order by` and `limit` clauses. */
const TAIL = /(^|\s)(order\s+by|limit)(\s|$)/i;

function split(query: string): { head: string; tail: string } {
  const match = TAIL.exec(query);
  if (!match) {
    return { head: query, tail: '' };
  }
  const at = match.index + match[1].length;
  return { head: query.slice(0, at), tail: query.slice(at).trim() };
}

function owner(field: string, op: string) {
  return OWNED.find((o) => o.field === field.toLowerCase() && o.ops.includes(op));
}

/** Text values go into the query with underscores for spaces (the language reads them back as spaces). */
function asQueryText(value: string): string {
  return value.trim().replace(/\s+/g, '_');
}

function termFor(filters: OfferFilters, key: keyof OfferFilters): string | null {
  const own = OWNED.find((o) => o.key === key)!;
  if (key === 'verifiedOnly') {
    return filters.verifiedOnly ? `${own.field}${own.write}true` : null;
  }
  const value = asQueryText(filters[key as TextKey]);
  return value === '' ? null : `${own.field}${own.write}${value}`;
}

/**
 * The query with the filters' terms replaced by what the filters say now. The renter's other terms keep their
 * place; the filters' terms follow them, in the filters' order; `order by` and `limit` stay at the end.
 */
export function applyFilters(query: string, filters: OfferFilters): string {
  const { head, tail } = split(query);
  const kept = head.replace(TERM, (term, lead: string, field: string, op: string) => (owner(field, op) ? lead : term));
  const terms = OWNED.map((o) => termFor(filters, o.key)).filter((t): t is string => t !== null);
  return [kept.trim().replace(/\s+/g, ' '), ...terms, tail].filter((part) => part !== '').join(' ');
}

/** The filters as a query says them (the last term wins, as all terms must hold and the UI shows one). */
export function readFilters(query: string): OfferFilters {
  const filters: OfferFilters = { ...NO_FILTERS };
  for (const match of split(query).head.matchAll(TERM)) {
    const [, , field, op, value] = match;
    const own = owner(field, op);
    if (!own) continue;
    if (own.key === 'verifiedOnly') {
      filters.verifiedOnly = value.toLowerCase() === 'true';
    } else if (own.key === 'tier') {
      filters.tier = value.toLowerCase();
    } else if (own.key === 'maxPricePerHour') {
      filters.maxPricePerHour = value.replace(/^\$/, '');
    } else {
      filters[own.key as TextKey] = value;
    }
  }
  return filters;
}

/** The first `order by` key of a query, as the table shows it; the language's default when there is none. */
export function readOrder(query: string): { field: string; direction: 'asc' | 'desc' } {
  const match = /(?:^|\s)order\s+by\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?/i.exec(query);
  if (!match) {
    return { field: 'value', direction: 'desc' };
  }
  return { field: match[1].toLowerCase(), direction: (match[2]?.toLowerCase() as 'asc' | 'desc') ?? 'asc' };
}

/** The query ordered by one field (replacing any `order by`), keeping its terms and its `limit`. */
export function withOrder(query: string, field: string, direction: 'asc' | 'desc'): string {
  const { head, tail } = split(query);
  const limit = /(?:^|\s)(limit\s+\S+)/i.exec(tail)?.[1];
  return [head.trim(), `order by ${field} ${direction}`, limit].filter((part) => part && part !== '').join(' ');
}
