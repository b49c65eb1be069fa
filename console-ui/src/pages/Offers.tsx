import { useState } from 'react';
import { useCurrentQuery } from '../offers/currentQuery';
import { useGpuTypes, useOffers, useSettled } from '../offers/hooks';
import { OfferFilterForm } from '../offers/OfferFilterForm';
import { OffersTable } from '../offers/OffersTable';
import { QueryInput } from '../offers/QueryInput';
import { readOrder, withOrder } from '../offers/query';
import '../offers/offers.css';

const PAGE = 50;
const MOST = 1000; // the API's largest limit

/** Offers explorer: filters and the query text in step, the market's answer in a table, best value first. */
export function OffersPage() {
  const [query, setQuery] = useCurrentQuery();
  // More rows than the query's own limit only after "Load more"; a new query starts from its own limit again.
  const [more, setMore] = useState<{ query: string; limit: number } | null>(null);
  const settledQuery = useSettled(query, 350);
  const limit = more?.query === settledQuery ? more.limit : undefined;
  const offers = useOffers(settledQuery, limit);
  const gpuTypes = useGpuTypes();

  const page = offers.data;
  const items = page?.items ?? [];
  const regions = [...new Set(items.map((offer) => offer.region))].sort();
  const mayHaveMore =
    page !== undefined && items.length > 0 && items.length < MOST && !(page.total_matched_exact && page.total_matched <= items.length);
  const matched = page ? `${page.total_matched_exact ? '' : 'at least '}${page.total_matched}` : '';

  return (
    <section aria-labelledby="page-title" className="offers-page">
      <h2 id="page-title">Offers</h2>
      <OfferFilterForm query={query} onQueryChange={setQuery} gpuTypes={gpuTypes.data?.items ?? []} regions={regions} />
      {gpuTypes.isError && <p role="alert">GPU models could not be loaded: {gpuTypes.error.message}</p>}
      <QueryInput query={query} onChange={setQuery} />
      {offers.isError && (
        <p role="alert" className="problem">
          {offers.error.message}
        </p>
      )}
      {offers.isPending && <p aria-live="polite">Loading offers…</p>}
      {page && (
        <>
          <p className="query-read" aria-live="polite">
            {offers.isFetching ? 'Searching… ' : ''}
            The marketplace read <code>{page.query}</code>: {items.length} shown of {matched} matching offers.
          </p>
          {items.length === 0 ? (
            <p>No offer matches this query. Loosen a filter or remove a term.</p>
          ) : (
            <div className="table-scroll">
              <OffersTable
                offers={items}
                caption={`Offers for ${page.query}`}
                order={readOrder(page.query)}
                onOrder={(field, direction) => setQuery(withOrder(query, field, direction))}
              />
            </div>
          )}
          {mayHaveMore && (
            <button
              type="button"
              disabled={offers.isFetching}
              onClick={() => setMore({ query: settledQuery, limit: Math.min(MOST, items.length + PAGE) })}
            >
              Load more
            </button>
          )}
        </>
      )}
    </section>
  );
}
