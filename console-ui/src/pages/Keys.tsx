/** API keys: built in issue [6] (see docs/console.md). */
export function KeysPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">API keys</h2>
    </section>
  );
}
