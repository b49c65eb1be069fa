/** Value frontier: built in issue [6] (see docs/console.md). */
export function FrontierPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Value frontier</h2>
    </section>
  );
}
