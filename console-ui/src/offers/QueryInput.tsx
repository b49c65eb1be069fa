import { useId } from 'react';

/** The query language text behind the page, editable by hand (docs/query-language.md). */
export function QueryInput({ query, onChange }: { query: string; onChange: (query: string) => void }) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="query-input">
      <label htmlFor={id}>Query</label>
      <input
        id={id}
        type="text"
        value={query}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={helpId}
        spellCheck={false}
        autoComplete="off"
        size={80}
      />
      <small id={helpId}>
        e.g. <code>gpu_ram&gt;=24 reliability&gt;0.98 verified=true order by value desc limit 50</code>; underscores
        stand for spaces.
      </small>
    </div>
  );
}
