import { useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { fetchVersion, type VersionInfo } from './api';
import { SessionProvider, useSession } from './session';
import { SignIn } from './SignIn';
import { OffersPage } from './pages/Offers';
import { FrontierPage } from './pages/Frontier';
import { OfferDetailPage } from './pages/OfferDetail';
import { DeployPage } from './pages/Deploy';
import { PodsPage } from './pages/Pods';
import { HostsPage } from './pages/Hosts';
import { BillingPage } from './pages/Billing';
import { KeysPage } from './pages/Keys';

type Load = { state: 'loading' } | { state: 'ready'; info: VersionInfo } | { state: 'failed'; reason: string };

const PAGES = [
  { path: '/', label: 'Offers' },
  { path: '/frontier', label: 'Value frontier' },
  { path: '/pods', label: 'My pods' },
  { path: '/hosts', label: 'Hosts' },
  { path: '/billing', label: 'Billing' },
  { path: '/keys', label: 'API keys' },
];

function Shell() {
  const { apiKey, signOut } = useSession();
  return (
    <>
      <nav aria-label="console">
        {PAGES.map((page) => (
          <Link key={page.path} href={page.path}>
            {page.label}
          </Link>
        ))}
        {apiKey && (
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        )}
      </nav>
      {!apiKey ? (
        <SignIn />
      ) : (
        <Switch>
          <Route path="/" component={OffersPage} />
          <Route path="/frontier" component={FrontierPage} />
          <Route path="/offers/:id" component={OfferDetailPage} />
          <Route path="/deploy/:offerId" component={DeployPage} />
          <Route path="/pods" component={PodsPage} />
          <Route path="/hosts" component={HostsPage} />
          <Route path="/billing" component={BillingPage} />
          <Route path="/keys" component={KeysPage} />
          <Route>
            <p role="alert">No such page.</p>
          </Route>
        </Switch>
      )}
    </>
  );
}

export function App({
  loadVersion = fetchVersion,
  apiKey,
}: {
  loadVersion?: () => Promise<VersionInfo>;
  /** The API key to start with (tests); otherwise the one kept in this browser. */
  apiKey?: string | null;
}) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));

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
    <QueryClientProvider client={queryClient}>
      <SessionProvider initialKey={apiKey}>
        <Router hook={useHashLocation}>
          <main className="console">
            <header>
              <h1>Assay</h1>
              <p>The GPU marketplace where every offer is measured: quality, reliability and value per dollar-hour.</p>
            </header>
            <Shell />
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
        </Router>
      </SessionProvider>
    </QueryClientProvider>
  );
}
