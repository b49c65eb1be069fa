import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { SessionProvider } from '../session';
import type { Offer } from './types';

/** Renders a page as the console would (signed in, fresh query cache, a router at `path`); for tests only. */
export function renderPage(page: ReactNode, path = '/') {
  const location = memoryLocation({ path, record: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <SessionProvider initialKey="assay_key_test">
        <Router hook={location.hook}>{page}</Router>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { ...view, location };
}

type Answer = { status?: number; body: unknown };

/**
 * A fetch that answers by path prefix (longest first) and records what it was asked, like the marketplace would
 * answer; problem answers come as application/problem+json.
 */
export function fakeMarketplace(routes: Record<string, Answer | ((url: URL) => Answer)>) {
  const calls: URL[] = [];
  const fetchImpl = async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://console.test');
    calls.push(url);
    const key = Object.keys(routes)
      .sort((a, b) => b.length - a.length)
      .find((prefix) => url.pathname.startsWith(prefix));
    if (!key) return new Response('{}', { status: 404 });
    const route = routes[key];
    const answer = typeof route === 'function' ? route(url) : route;
    const status = answer.status ?? 200;
    return new Response(JSON.stringify(answer.body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  return { fetchImpl: fetchImpl as typeof fetch, calls };
}

const money = (dollars: number) => ({ dollars: dollars.toFixed(6), micros: Math.round(dollars * 1e6) });

/** An offer as `GET /v1/offers` answers it (taken from a demo fleet answer). */
export function anOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: 'hst_efgj8ty4hwdqf2fj6zs7gqwgrb-2',
    host_id: 'hst_efgj8ty4hwdqf2fj6zs7gqwgrb',
    gpu_model: 'RTX_3090',
    gpu_name: 'RTX 3090',
    num_gpus: 2,
    vram_gb_per_gpu: 24,
    price_per_gpu_hour: money(0.19),
    price_per_hour: money(0.38),
    min_bid_per_gpu_hour: money(0.1),
    storage_per_gb_month: money(0.17),
    score_per_gpu: 52.15047555734981,
    total_score: 104.30095111469961,
    value: { score_per_dollar_hour: 274.47618714394633, tflops_per_dollar_hour: 311.67, mem_bw_gbps_per_dollar_hour: 4108.7, vram_gb_per_dollar_hour: 126.3 },
    reliability: 0.9800099179345133,
    uptime_30d: 0.995831454914869,
    verified: true,
    verification: 'VERIFIED',
    tier: 'COMMUNITY',
    region: 'ap-northeast',
    geolocation: 'JP',
    simulated: true,
    ...overrides,
  };
}

export { money };
