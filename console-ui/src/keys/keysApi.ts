import { apiFetch } from '../api';

export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export type Scope = 'read' | 'pods' | 'hosts' | 'billing';
export const ROLES: Role[] = ['viewer', 'member', 'admin', 'owner'];
export const SCOPES: Scope[] = ['read', 'pods', 'hosts', 'billing'];

/** A key as listings show it: its display prefix, never its secret. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  scopes: Scope[];
  prefix: string;
  created_at: string;
  last_used_at?: string;
  revoked_at?: string;
}

/** The answer to creating a key: the only one that ever carries the whole key. */
export interface CreatedApiKey extends Omit<ApiKey, 'last_used_at' | 'revoked_at'> {
  key: string;
}

/** `/v1/api-keys` (accounts `ApiKeysController`): create (owner/admin key), list, revoke. */
export function keysApi(apiKey: string | null) {
  return {
    list: () => apiFetch<{ items: ApiKey[] }>('/v1/api-keys', { apiKey }),
    create: (request: { name: string; scopes: Scope[]; role: Role }) =>
      apiFetch<CreatedApiKey>('/v1/api-keys', { method: 'POST', body: request, apiKey }),
    revoke: (id: string) => apiFetch<void>(`/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE', apiKey }),
  };
}
