import { dominates, paretoFrontier } from './frontier';

const p = (price: number, score: number, id = `${price}/${score}`) => ({ price, score, id });

describe('paretoFrontier', () => {
  it('keeps exactly the offers no other offer beats on both price and score, cheapest first', () => {
    const points = [p(1, 50), p(2, 40), p(2, 80), p(3, 70), p(4, 120), p(0.5, 10), p(5, 120)];
    expect(paretoFrontier(points).map((x) => x.id)).toEqual(['0.5/10', '1/50', '2/80', '4/120']);
  });

  it('agrees with the definition on a pseudo-random market', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const points = Array.from({ length: 300 }, (_, i) => p(Math.round(next() * 40) / 4, Math.round(next() * 100), `o${i}`));
    const frontier = new Set(paretoFrontier(points).map((x) => x.id));
    for (const candidate of points) {
      const beaten = points.some((other) => dominates(other, candidate));
      expect(frontier.has(candidate.id)).toBe(!beaten);
    }
  });

  it('keeps both of two identical offers and drops a same-price worse one', () => {
    const frontier = paretoFrontier([p(1, 60, 'a'), p(1, 60, 'b'), p(1, 59, 'c')]);
    expect(frontier.map((x) => x.id).sort()).toEqual(['a', 'b']);
  });

  it('is empty for no offers and ignores points without a finite price', () => {
    expect(paretoFrontier([])).toEqual([]);
    expect(paretoFrontier([p(Number.NaN, 10, 'x'), p(1, 5, 'y')]).map((x) => x.id)).toEqual(['y']);
  });

  it('a cheaper offer with the same score beats a dearer one', () => {
    expect(dominates(p(1, 10), p(2, 10))).toBe(true);
    expect(dominates(p(1, 10), p(1, 10))).toBe(false);
    expect(dominates(p(1, 9), p(2, 10))).toBe(false);
  });
});
