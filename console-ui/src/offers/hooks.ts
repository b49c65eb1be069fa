import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiFetch } from '../api';
import { useSession } from '../session';
import type { GpuTypeList, OfferDetail, OfferPage } from './types';

/** The offers of a query; `limit` (when given) overrides the query's own `limit`. */
export function useOffers(query: string, limit?: number) {
  const { apiKey } = useSession();
  const params = new URLSearchParams({ q: query });
  if (limit !== undefined) params.set('limit', String(limit));
  return useQuery({
    queryKey: ['offers', query, limit ?? null, apiKey],
    queryFn: () => apiFetch<OfferPage>(`/v1/offers?${params}`, { apiKey }),
    // Keep the rows on screen while the next query or page loads, so the table does not blink.
    placeholderData: keepPreviousData,
    // A query the API refuses will be refused again: show its problem at once.
    retry: false,
  });
}

export function useGpuTypes() {
  const { apiKey } = useSession();
  return useQuery({
    queryKey: ['gpu-types', apiKey],
    queryFn: () => apiFetch<GpuTypeList>('/v1/gpu-types', { apiKey }),
    staleTime: 60_000,
  });
}

export function useOfferDetail(id: string) {
  const { apiKey } = useSession();
  return useQuery({
    queryKey: ['offer', id, apiKey],
    queryFn: () => apiFetch<OfferDetail>(`/v1/offers/${encodeURIComponent(id)}`, { apiKey }),
    retry: false,
  });
}

/** The value once it has stayed the same for `delayMs` (a query typed by hand runs when the typing pauses). */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
