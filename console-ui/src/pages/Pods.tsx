/** My pods: built in issue [6] (see docs/console.md). */
export function PodsPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">My pods</h2>
    </section>
  );
}
