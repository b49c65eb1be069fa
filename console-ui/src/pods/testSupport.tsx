import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { SessionProvider } from '../session';

/** One request the page made, as the fake marketplace saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status?: number; body?: unknown } | ((request: SeenRequest) => { status?: number; body?: unknown });

/**
 * A fake marketplace for component tests: answers "METHOD /path?query" from `routes` (JSON, status 200 unless
 * said) and records every request; anything else is a 404 problem, so a wrong URL fails the test visibly.
 */
export function fakeMarketplace(routes: Record<string, Answer>) {
  const seen: SeenRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      path: String(input),
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    seen.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const answer = typeof route === 'function' ? route(request) : route;
    if (!answer) {
      return problem(404, `no fake route for ${request.method} ${request.path}`);
    }
    const status = answer.status ?? 200;
    if (status >= 400) {
      return problem(status, String((answer.body as { detail?: string })?.detail ?? 'failed'));
    }
    return status === 204
      ? new Response(null, { status })
      : new Response(JSON.stringify(answer.body ?? {}), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fetchImpl as typeof fetch, seen, calls: (method: string, path: string) => seen.filter((r) => r.method === method && r.path === path) };
}

function problem(status: number, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** Renders `ui` as the console does (query client, a signed-in key, a router) at `path` in memory. */
export function renderInConsole(ui: ReactNode, { path = '/' }: { path?: string } = {}) {
  const location = memoryLocation({ path, record: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <SessionProvider initialKey="assay_key_test">
        <Router hook={location.hook}>{ui}</Router>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { ...result, location, client };
}

export const money = (dollars: string) => ({
  dollars: Number(dollars).toFixed(6),
  micros: Math.round(Number(dollars) * 1_000_000),
});
