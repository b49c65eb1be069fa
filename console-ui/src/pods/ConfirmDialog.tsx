import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Asks before something that cannot be undone. Focus starts on Cancel, so Enter by habit does no harm;
 * Escape cancels.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-detail"
      className="panel"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h3 id="confirm-title">{title}</h3>
      <p id="confirm-detail">{children}</p>
      <button type="button" onClick={onConfirm}>
        {confirmLabel}
      </button>{' '}
      <button type="button" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
