/** A point of the value chart: what an offer costs per hour and how much GPU it gives. */
export interface PricedScore {
  price: number;
  score: number;
}

/**
 * The Pareto frontier of score against price: the points no other point beats on both, i.e. no other offer is
 * at most as expensive and at least as good while strictly better on one of the two. Returned cheapest first
 * (so it can be drawn as a line). Two identical points are both on it: neither beats the other.
 */
export function paretoFrontier<T extends PricedScore>(points: readonly T[]): T[] {
  // Cheapest first, and at one price the best first: then a point is on the frontier exactly when it scores
  // more than every cheaper point (or ties the last one kept at the same price and score).
  const sorted = points
    .filter((p) => Number.isFinite(p.price) && Number.isFinite(p.score))
    .sort((a, b) => a.price - b.price || b.score - a.score);
  const frontier: T[] = [];
  let best = -Infinity;
  for (const point of sorted) {
    const last = frontier[frontier.length - 1];
    if (point.score > best) {
      frontier.push(point);
      best = point.score;
    } else if (last && point.score === last.score && point.price === last.price) {
      frontier.push(point);
    }
  }
  return frontier;
}

/** Whether `a` beats `b`: no more expensive, no worse, and strictly better on one. */
export function dominates(a: PricedScore, b: PricedScore): boolean {
  return a.price <= b.price && a.score >= b.score && (a.price < b.price || a.score > b.score);
}
