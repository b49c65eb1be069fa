import { createContext, useContext, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'assay.apiKey';

interface Session {
  apiKey: string | null;
  signIn: (key: string) => void;
  signOut: () => void;
}

const SessionContext = createContext<Session>({ apiKey: null, signIn: () => {}, signOut: () => {} });

/** The API key the console calls the marketplace with, kept in this browser's local storage. */
export function SessionProvider({ children, initialKey }: { children: ReactNode; initialKey?: string | null }) {
  const [apiKey, setApiKey] = useState<string | null>(
    initialKey !== undefined ? initialKey : globalThis.localStorage?.getItem(STORAGE_KEY) ?? null,
  );
  const signIn = (key: string) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, key);
    setApiKey(key);
  };
  const signOut = () => {
    globalThis.localStorage?.removeItem(STORAGE_KEY);
    setApiKey(null);
  };
  return <SessionContext.Provider value={{ apiKey, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
