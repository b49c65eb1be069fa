import { dollars, percent } from './format';
import type { PriceAdvice } from './types';
import type { UseQueryResult } from '@tanstack/react-query';

/** The price advisor's suggestion for this machine's GPU model, with its reasons in the order the rule used them. */
export function PriceAdvicePanel({ advice }: { advice: UseQueryResult<PriceAdvice> }) {
  if (advice.isPending) {
    return <p>Asking the price advisor…</p>;
  }
  if (advice.isError) {
    return <p role="alert">{advice.error.message}</p>;
  }
  const a = advice.data;
  return (
    <aside aria-labelledby="advice-title">
      <h4 id="advice-title">Price advice</h4>
      <p>
        {a.suggested_per_gpu_hour
          ? `Suggested: ${dollars(a.suggested_per_gpu_hour)} per GPU-hour for ${a.gpu_model}`
          : `No suggestion for ${a.gpu_model}`}{' '}
        (aiming at {percent(a.target_utilisation)} of GPUs rented){a.simulated && ' · SIMULATED machine'}
      </p>
      <ol aria-label="reasons">
        {a.reasons.map((r, i) => (
          <li key={`${r.kind}-${i}`}>{r.explanation}</li>
        ))}
      </ol>
    </aside>
  );
}
