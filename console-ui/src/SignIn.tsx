import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from './api';
import { useSession } from './session';

interface SignUpAnswer {
  organisation: { id: string; name: string };
  api_key: { key: string };
}

/** Paste an API key, or create an organisation and get its owner key (shown once, kept in this browser). */
export function SignIn() {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const useKey = (e: FormEvent) => {
    e.preventDefault();
    if (key.trim()) {
      signIn(key.trim());
    }
  };

  const signUp = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const answer = await apiFetch<SignUpAnswer>('/v1/orgs', { method: 'POST', body: { name, owner_email: email } });
      setCreated(answer.api_key.key);
      signIn(answer.api_key.key);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <section aria-labelledby="sign-in-title" className="panel">
      <h2 id="sign-in-title">Sign in</h2>
      <form onSubmit={useKey} aria-label="sign in with an API key">
        <label>
          API key <input value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit">Use this key</button>
      </form>
      <form onSubmit={signUp} aria-label="create an organisation">
        <label>
          Organisation <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Owner email <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <button type="submit">Create organisation</button>
      </form>
      {created && <p role="status">Your owner key (shown once, kept in this browser): <code>{created}</code></p>}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
