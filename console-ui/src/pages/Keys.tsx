import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../session';
import { keysApi, ROLES, SCOPES, type ApiKey, type CreatedApiKey, type Role, type Scope } from '../keys/keysApi';
import { NewKey } from '../keys/NewKey';
import { ConfirmDialog } from '../pods/ConfirmDialog';

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—');

/** API keys (#/keys): create one (shown once), list them, revoke them. */
export function KeysPage() {
  const { apiKey } = useSession();
  const api = useMemo(() => keysApi(apiKey), [apiKey]);
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api.list() });

  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [scopes, setScopes] = useState<Scope[]>(['read', 'pods']);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const create = useMutation({
    mutationFn: () => api.create({ name: name.trim(), scopes, role }),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      return queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api.revoke(key.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  const toggle = (scope: Scope) =>
    setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : SCOPES.filter((x) => x === scope || s.includes(x))));

  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">API keys</h2>
      <form onSubmit={submit} aria-label="create an API key" className="panel">
        <label>
          Key name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>{' '}
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>{' '}
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
      </form>
      {create.isError && <p role="alert">{create.error.message}</p>}
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}

      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel={`Yes, revoke ${revoking.name}`}
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            revoke.mutate(revoking);
            setRevoking(null);
          }}
        >
          Programs calling with this key are refused from now on. Revoking cannot be undone.
        </ConfirmDialog>
      )}
      {revoke.isError && <p role="alert">{revoke.error.message}</p>}
      {keys.isPending && <p>Loading keys…</p>}
      {keys.isError && <p role="alert">{keys.error.message}</p>}
      {keys.data && (
        <table aria-label="API keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Role</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.items.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}</code>
                </td>
                <td>{key.role}</td>
                <td>{key.scopes.join(', ')}</td>
                <td>{when(key.created_at)}</td>
                <td>{when(key.last_used_at)}</td>
                <td>
                  {key.revoked_at ? (
                    `revoked ${when(key.revoked_at)}`
                  ) : (
                    <button type="button" onClick={() => setRevoking(key)} disabled={revoke.isPending}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
