/** Deploy: built in issue [6] (see docs/console.md). */
export function DeployPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Deploy</h2>
    </section>
  );
}
