/** Billing: built in issue [6] (see docs/console.md). */
export function BillingPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Billing</h2>
    </section>
  );
}
