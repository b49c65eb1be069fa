import { useEffect, useState } from 'react';
import { fetchVersion, type VersionInfo } from './api';

type Load = { state: 'loading' } | { state: 'ready'; info: VersionInfo } | { state: 'failed'; reason: string };

export function App({ loadVersion = fetchVersion }: { loadVersion?: () => Promise<VersionInfo> }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    loadVersion()
      .then((info) => !cancelled && setLoad({ state: 'ready', info }))
      .catch((e: unknown) => !cancelled && setLoad({ state: 'failed', reason: String(e) }));
    return () => {
      cancelled = true;
    };
  }, [loadVersion]);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '2rem auto', padding: '0 1rem' }}>
      <h1>Assay</h1>
      <p>The GPU marketplace where every offer is measured: quality, reliability and value per dollar-hour.</p>
      <footer aria-label="marketplace version">
        {load.state === 'loading' && <span>Connecting to the marketplace…</span>}
        {load.state === 'ready' && (
          <span data-testid="version">
            {load.info.name} {load.info.version} · contract {load.info.contract} · {load.info.profile}
          </span>
        )}
        {load.state === 'failed' && <span role="alert">Marketplace unreachable: {load.reason}</span>}
      </footer>
    </main>
  );
}
