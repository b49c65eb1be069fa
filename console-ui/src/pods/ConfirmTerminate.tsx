import { useEffect, useRef } from 'react';
import type { Pod } from './types';

/** Asks before a pod is terminated: its GPUs and disk are freed and it cannot come back. Escape cancels. */
export function ConfirmTerminate({ pod, onConfirm, onCancel }: { pod: Pod; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="terminate-title"
      aria-describedby="terminate-detail"
      className="panel"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h3 id="terminate-title">Terminate {pod.name}?</h3>
      <p id="terminate-detail">
        Its container stops, its GPUs and its disk ({pod.disk_gb} GB) are freed, and it cannot be started again.
      </p>
      <button type="button" onClick={onConfirm}>
        Yes, terminate {pod.name}
      </button>{' '}
      <button type="button" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
