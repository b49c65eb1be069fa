/** Offer: built in issue [6] (see docs/console.md). */
export function OfferDetailPage() {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Offer</h2>
    </section>
  );
}
