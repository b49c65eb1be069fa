/** Hosts: built in issue [6] (see docs/console.md). */
export function HostsPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Hosts</h2>
    </section>
  );
}
