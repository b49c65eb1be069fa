import { useState, type FormEvent } from 'react';
import { microsToDollarString, parseDollars } from './money';
import type { Pod } from './types';

/** Changes an interruptible pod's bid (a raise may preempt lower bids; a cut may preempt the pod). */
export function BidEditor({
  pod,
  onSave,
  onCancel,
}: {
  pod: Pod;
  onSave: (bidPerGpuHour: string) => void;
  onCancel: () => void;
}) {
  const [bid, setBid] = useState(pod.bid_per_gpu_hour ? pod.bid_per_gpu_hour.dollars : '');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const micros = parseDollars(bid);
    if (micros === null || micros <= 0) {
      setError('A bid is an amount in dollars above 0, e.g. 0.45');
      return;
    }
    onSave(microsToDollarString(micros));
  };
  return (
    <form onSubmit={submit} aria-label={`change the bid of ${pod.name}`}>
      <label>
        New bid per GPU-hour for {pod.name}{' '}
        <input value={bid} onChange={(e) => setBid(e.target.value)} inputMode="decimal" autoFocus size={10} />
      </label>{' '}
      <button type="submit">Save bid</button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
