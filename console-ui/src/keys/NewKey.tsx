import { useState } from 'react';
import type { CreatedApiKey } from './keysApi';

/**
 * The key just created, shown this once: the marketplace keeps only its hash, so nobody can show it again.
 * It lives only in this component's state; "Done" (or leaving the page) forgets it.
 */
export function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the key and copy it.');
    }
  };
  return (
    <div role="status" className="panel" aria-label="new API key">
      <p>
        New key <strong>{created.name}</strong> ({created.role}; {created.scopes.join(', ')}). Copy it now: it is shown
        only once.
      </p>
      <pre aria-label="the new key">
        <code>{created.key}</code>
      </pre>
      <button type="button" onClick={copy}>
        Copy key
      </button>{' '}
      <button type="button" onClick={onDone}>
        Done
      </button>
      {copied && <span> {copied}</span>}
    </div>
  );
}
