import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { SessionProvider } from '../session';
import type { Host } from './types';

/** One answer of the mocked marketplace: a status and a JSON body (problem+json when the status is an error). */
export interface Answer {
  status?: number;
  body?: unknown;
}

/**
 * Stubs `fetch` with a marketplace that answers "METHOD /path" (query string left out) from `routes`; a route
 * may be a function of the request body and query. Anything else is a 404 problem, so a wrong path shows up in a test.
 */
export function mockMarketplace(routes: Record<string, Answer | ((body: unknown, query: URLSearchParams) => Answer)>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const route = routes[`${init?.method ?? 'GET'} ${url.pathname}`];
    const answer = typeof route === 'function' ? route(body, url.searchParams) : (route ?? { status: 404, body: { detail: `no route ${url.pathname}` } });
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The requests the page sent, as "METHOD /path?query" with their parsed JSON bodies. */
export function requests(fetchMock: ReturnType<typeof mockMarketplace>) {
  return fetchMock.mock.calls.map(([input, init]) => ({
    call: `${init?.method ?? 'GET'} ${String(input)}`,
    body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    authorization: (init?.headers as Record<string, string> | undefined)?.Authorization,
  }));
}

export function renderWithSession(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider initialKey="assay_key_test">{ui}</SessionProvider>
    </QueryClientProvider>,
  );
}

const money = (dollars: string) => ({ dollars, micros: Math.round(Number(dollars) * 1_000_000) });

/**
 * A machine as `GET /v1/hosts/{id}` answers it on the wire (empty lists left out, as the marketplace does): two
 * RTX 4090s, one with a SUSPICIOUS benchmark, agent connected.
 */
export function aHost(overrides: Partial<Host> = {}): Host {
  return {
    id: 'hst_rig1',
    name: 'rig-1',
    status: 'ONLINE',
    simulated: false,
    verification: 'VERIFIED',
    machine: {
      tier: 'COMMUNITY',
      region: 'eu-west',
      geolocation: 'DE',
      cpu_cores: 32,
      ram_gb: 128,
      disk_gb: 2000,
      driver_version: '550.54.15',
      cuda_version: '12.4',
    },
    gpus: [0, 1].map((index) => ({
      index,
      sku_id: 'RTX_4090',
      model: 'RTX 4090',
      vram_gb: 24,
      score: index === 0 ? 86.01 : 83.57,
      tflops_bf16: 150,
      tflops_fp32: 70,
      mem_bw_gbps: 900,
      pcie_bw_gbps: 25,
    })),
    health: {
      status: 'ONLINE',
      last_seen_at: '2026-11-26T12:00:00Z',
      reliability: 0.962,
      reliability_mean: 0.99,
      uptime_1d: 1,
      uptime_7d: 0.99,
      uptime_30d: 0.981,
      host_failures_30d: 2,
    },
    latest_benchmarks: [
      { gpu_index: 0, verdict: 'PLAUSIBLE', simulated: false, reported_at: '2026-11-26T11:00:00Z' },
      {
        gpu_index: 1,
        verdict: 'SUSPICIOUS',
        findings: ['memory bandwidth 40 % below the RTX 4090 baseline'],
        simulated: false,
        reported_at: '2026-11-26T11:00:00Z',
      },
    ],
    offer: {
      listed: true,
      on_demand_per_gpu_hour: money('0.45'),
      min_bid_per_gpu_hour: money('0.2'),
      storage_per_gb_month: money('0.1'),
      min_gpus_per_pod: 1,
    },
    created_at: '2026-11-01T00:00:00Z',
    agent: {
      connected: true,
      agent_version: '0.1.0',
      connected_at: '2026-11-26T10:00:00Z',
      last_heard_at: new Date(Date.now() - 3000).toISOString(),
      gpus: [
        { index: 0, utilization_gpu_percent: 97, memory_used_mib: 20110, temperature_celsius: 61, power_draw_watts: 312.5, sm_clock_mhz: 2520 },
        { index: 1, utilization_gpu_percent: 3, memory_used_mib: 0, temperature_celsius: 38, power_draw_watts: 21, sm_clock_mhz: 210 },
      ],
    },
    ...overrides,
  } as Host;
}

export { money };
