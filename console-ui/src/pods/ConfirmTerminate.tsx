import { ConfirmDialog } from './ConfirmDialog';
import type { Pod } from './types';

/** Asks before a pod is terminated: its GPUs and disk are freed and it cannot come back. */
export function ConfirmTerminate({ pod, onConfirm, onCancel }: { pod: Pod; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title={`Terminate ${pod.name}?`}
      confirmLabel={`Yes, terminate ${pod.name}`}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      Its container stops, its GPUs and its disk ({pod.disk_gb} GB) are freed, and it cannot be started again.
    </ConfirmDialog>
  );
}
