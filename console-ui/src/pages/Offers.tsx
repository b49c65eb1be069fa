/** Offers: built in issue [6] (see docs/console.md). */
export function OffersPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Offers</h2>
    </section>
  );
}
