import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { agentCommand } from './agentCommand';
import type { HostsApi } from './hostsApi';
import type { CreatedToken, ListedToken, Tier } from './types';

/**
 * Enroll a machine: a one-use token that says where the machine stands, and the exact commands to run on it.
 * The token lives only in this component's state: the API stores its hash and never shows it again.
 */
export function EnrollMachine({ api, origin }: { api: HostsApi; origin: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [country, setCountry] = useState('');
  const [tier, setTier] = useState<Tier>('COMMUNITY');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['hosts', 'tokens'], queryFn: api.listTokens });
  const create = useMutation({
    mutationFn: api.createToken,
    onSuccess: (token) => {
      setCreated(token);
      setCopied(null);
      void queryClient.invalidateQueries({ queryKey: ['hosts', 'tokens'] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Fields left empty take the API's defaults (the agent's hostname, region "unknown", country ZZ).
    create.mutate({
      tier,
      ...(name.trim() && { name: name.trim() }),
      ...(region.trim() && { region: region.trim() }),
      ...(country.trim() && { geolocation: country.trim().toUpperCase() }),
    });
  };

  const command = created ? agentCommand(created.token, origin) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('This browser refused the clipboard: select the commands and copy them by hand.');
    }
  };

  return (
    <section aria-labelledby="enroll-title" className="panel">
      <h3 id="enroll-title">Enroll a machine</h3>
      <form onSubmit={submit} aria-label="enrollment token">
        <label>
          Machine name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="rig-1" maxLength={100} />
        </label>
        <label>
          Region <input value={region} onChange={(e) => setRegion(e.target.value)} placeholder="eu-west" />
        </label>
        <label>
          Country{' '}
          <input
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            placeholder="DE"
            maxLength={2}
            size={3}
            aria-describedby="country-hint"
          />
        </label>
        <label>
          Tier{' '}
          <select value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
            <option value="COMMUNITY">Community</option>
            <option value="SECURE">Secure</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Create enrollment token
        </button>
      </form>
      <p id="country-hint" className="hint">
        Country as ISO 3166 alpha-2 (DE, US…). The agent is never asked where it stands: the token says so.
      </p>
      {create.isError && <p role="alert">{create.error.message}</p>}
      {created && (
        <div aria-label="new enrollment token" role="region">
          <p>
            Enrollment token (shown once, usable once, until {new Date(created.expires_at).toLocaleString()}):{' '}
            <code>{created.token}</code>
          </p>
          <p>Run these on the machine:</p>
          <pre aria-label="agent command" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {command}
          </pre>
          <button type="button" onClick={() => void copy()}>
            Copy commands
          </button>{' '}
          <button type="button" onClick={() => setCreated(null)}>
            Hide token
          </button>
          {copied && <p role="status">{copied}</p>}
        </div>
      )}
      <TokenList tokens={tokens} />
    </section>
  );
}

function TokenList({ tokens }: { tokens: UseQueryResult<{ items: ListedToken[] }> }) {
  if (tokens.isPending) {
    return <p>Loading enrollment tokens…</p>;
  }
  if (tokens.isError) {
    return <p role="alert">{tokens.error.message}</p>;
  }
  if (tokens.data.items.length === 0) {
    return <p>No enrollment tokens yet.</p>;
  }
  return (
    <table aria-label="enrollment tokens">
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">State</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Machine</th>
        </tr>
      </thead>
      <tbody>
        {tokens.data.items.map((t) => (
          <tr key={t.id}>
            <td>{t.id}</td>
            <td>{t.state}</td>
            <td>{new Date(t.created_at).toLocaleString()}</td>
            <td>{new Date(t.expires_at).toLocaleString()}</td>
            <td>{t.host_id ?? (t.used_at ? 'enrolled' : '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
