import { useSyncExternalStore } from 'react';
import { DEFAULT_QUERY } from './query';

/**
 * The renter's current offer query, shared by the offers explorer and the value frontier (the frontier plots the
 * offers of the query the explorer shows) and kept for this browser tab.
 */
const STORAGE_KEY = 'assay.offerQuery';
const listeners = new Set<() => void>();
let current: string = readStored();

function readStored(): string {
  try {
    return globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? DEFAULT_QUERY;
  } catch {
    return DEFAULT_QUERY; // storage refused (privacy mode): start from the default
  }
}

export function setCurrentQuery(query: string): void {
  if (query === current) return;
  current = query;
  try {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, query);
  } catch {
    // not kept across reloads then; the page still works
  }
  listeners.forEach((listener) => listener());
}

/** Back to the default query (tests start from it). */
export function resetCurrentQuery(): void {
  setCurrentQuery(DEFAULT_QUERY);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCurrentQuery(): [string, (query: string) => void] {
  const query = useSyncExternalStore(subscribe, () => current);
  return [query, setCurrentQuery];
}
