import { apiFetch } from '../api';
import type { GpuType, OfferDetail, Pod, PodPage, PodRequest } from './types';

/** The pods endpoints (docs/api-pods.md), called with the signed-in key. */
export function podsApi(apiKey: string | null) {
  const call = <T>(path: string, options: Parameters<typeof apiFetch>[1] = {}) =>
    apiFetch<T>(path, { ...options, apiKey });
  return {
    offer: (offerId: string) => call<OfferDetail>(`/v1/offers/${encodeURIComponent(offerId)}`),
    gpuTypes: () => call<{ items: GpuType[] }>('/v1/gpu-types'),
    /** The idempotency key makes a retried submit place the pod once. */
    create: (request: PodRequest, idempotencyKey: string) =>
      call<Pod>('/v1/pods', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
    list: (limit: number, cursor?: string) =>
      call<PodPage>(`/v1/pods?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    get: (id: string) => call<Pod>(`/v1/pods/${encodeURIComponent(id)}`),
    stop: (id: string) => call<Pod>(`/v1/pods/${encodeURIComponent(id)}/stop`, { method: 'POST' }),
    start: (id: string) => call<Pod>(`/v1/pods/${encodeURIComponent(id)}/start`, { method: 'POST' }),
    terminate: (id: string) => call<Pod>(`/v1/pods/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    changeBid: (id: string, bidPerGpuHour: string) =>
      call<Pod>(`/v1/pods/${encodeURIComponent(id)}/bid`, { method: 'PUT', body: { bid_per_gpu_hour: bidPerGpuHour } }),
  };
}

export type PodsApi = ReturnType<typeof podsApi>;
