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

/** The calls of the Hosts cockpit, one per endpoint of `/v1/hosts` (docs/api-hosts-offers.md). */
export function hostsApi(apiKey: string | null) {
  const id = (hostId: string) => encodeURIComponent(hostId);
  return {
    createToken: (request: CreateTokenRequest) =>
      apiFetch<CreatedToken>('/v1/hosts/enrollment-tokens', { method: 'POST', body: request, apiKey }),
    listTokens: () => apiFetch<{ items: ListedToken[] }>('/v1/hosts/enrollment-tokens', { apiKey }),
    listHosts: (cursor?: string) =>
      apiFetch<HostPage>(`/v1/hosts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { apiKey }),
    getHost: (hostId: string) => apiFetch<Host>(`/v1/hosts/${id(hostId)}`, { apiKey }),
    putOffer: (hostId: string, offer: OfferRequest) =>
      apiFetch<Host>(`/v1/hosts/${id(hostId)}/offer`, { method: 'PUT', body: offer, apiKey }),
    unlist: (hostId: string) => apiFetch<void>(`/v1/hosts/${id(hostId)}/offer`, { method: 'DELETE', apiKey }),
    earnings: (hostId: string, window?: { from: string; to: string }) =>
      apiFetch<Earnings>(
        `/v1/hosts/${id(hostId)}/earnings${window ? `?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}` : ''}`,
        { apiKey },
      ),
    priceAdvice: (hostId: string) => apiFetch<PriceAdvice>(`/v1/hosts/${id(hostId)}/price-advice`, { apiKey }),
  };
}

export type HostsApi = ReturnType<typeof hostsApi>;
