import { apiFetch } from '../api';
import type {
  CreateTokenRequest,
  CreatedToken,
  Earnings,
  Host,
  HostPage,
  ListedToken,
  OfferRequest,
  PriceAdvice,
} from './types';

/**
 * The marketplace leaves empty lists out of its answers (like nulls), so each answer gets its lists back here,
 * once, and the components can rely on them.
 */
export function withLists(host: Host): Host {
  return {
    ...host,
    gpus: host.gpus ?? [],
    latest_benchmarks: (host.latest_benchmarks ?? []).map((b) => ({ ...b, findings: b.findings ?? [] })),
    ...(host.agent && { agent: { ...host.agent, gpus: host.agent.gpus ?? [] } }),
  };
}

/** The calls of the Hosts cockpit, one per endpoint of `/v1/hosts` (docs/api-hosts-offers.md). */
export function hostsApi(apiKey: string | null) {
  const id = (hostId: string) => encodeURIComponent(hostId);
  return {
    createToken: (request: CreateTokenRequest) =>
      apiFetch<CreatedToken>('/v1/hosts/enrollment-tokens', { method: 'POST', body: request, apiKey }),
    listTokens: () =>
      apiFetch<{ items?: ListedToken[] }>('/v1/hosts/enrollment-tokens', { apiKey }).then((page) => ({ items: page.items ?? [] })),
    listHosts: (cursor?: string) =>
      apiFetch<HostPage>(`/v1/hosts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { apiKey }).then(
        (page): HostPage => ({ ...page, items: (page.items ?? []).map(withLists) }),
      ),
    getHost: (hostId: string) => apiFetch<Host>(`/v1/hosts/${id(hostId)}`, { apiKey }).then(withLists),
    putOffer: (hostId: string, offer: OfferRequest) =>
      apiFetch<Host>(`/v1/hosts/${id(hostId)}/offer`, { method: 'PUT', body: offer, apiKey }).then(withLists),
    unlist: (hostId: string) => apiFetch<void>(`/v1/hosts/${id(hostId)}/offer`, { method: 'DELETE', apiKey }),
    earnings: (hostId: string, window?: { from: string; to: string }) =>
      apiFetch<Earnings>(
        `/v1/hosts/${id(hostId)}/earnings${window ? `?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}` : ''}`,
        { apiKey },
      ).then((e): Earnings => ({ ...e, recent_pods: e.recent_pods ?? [] })),
    priceAdvice: (hostId: string) =>
      apiFetch<PriceAdvice>(`/v1/hosts/${id(hostId)}/price-advice`, { apiKey }).then((a): PriceAdvice => ({ ...a, reasons: a.reasons ?? [] })),
  };
}

export type HostsApi = ReturnType<typeof hostsApi>;
