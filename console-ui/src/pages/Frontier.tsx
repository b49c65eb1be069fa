import { Link, useLocation } from 'wouter';
import { useCurrentQuery } from '../offers/currentQuery';
import { decimal, perHour } from '../offers/format';
import { paretoFrontier } from '../offers/frontier';
import { useOffers, useSettled } from '../offers/hooks';
import { QueryInput } from '../offers/QueryInput';
import { toValuePoint, ValueChart } from '../offers/ValueChart';
import { Badges } from '../offers/Badges';
import '../offers/offers.css';

/** How many offers of the query the chart plots: enough for the whole demo market, few enough to draw. */
const PLOTTED = 500;

/** Value frontier: which offers of the current query are worth their price (none both cheaper and better). */
export function FrontierPage() {
  const [query, setQuery] = useCurrentQuery();
  const settledQuery = useSettled(query, 350);
  const offers = useOffers(settledQuery, PLOTTED);
  const [, navigate] = useLocation();

  const points = (offers.data?.items ?? []).map(toValuePoint);
  const frontier = paretoFrontier(points);
  const onFrontier = new Set(frontier.map((point) => point.id));
  const others = points.filter((point) => !onFrontier.has(point.id));

  return (
    <section aria-labelledby="page-title" className="frontier-page">
      <h2 id="page-title">Value frontier</h2>
      <p>
        Each dot is an offer of the query below: its Assay Score (all its GPUs) against its all-in price per hour. The
        line joins the Pareto frontier: the offers no other offer beats on both price and score.
      </p>
      <QueryInput query={query} onChange={setQuery} />
      {offers.isError && (
        <p role="alert" className="problem">
          {offers.error.message}
        </p>
      )}
      {offers.isPending && <p aria-live="polite">Loading offers…</p>}
      {offers.data && (
        <>
          <p aria-live="polite">
            {offers.isFetching ? 'Searching… ' : ''}
            {points.length} offers plotted for <code>{offers.data.query}</code>; {frontier.length} on the frontier.
          </p>
          <figure aria-label="score against price" className="chart-figure">
            <ValueChart others={others} frontier={frontier} onOpen={(id) => navigate(`/offers/${id}`)} />
          </figure>
          <h3 id="frontier-list-title">Frontier offers, cheapest first</h3>
          {frontier.length === 0 ? (
            <p>No offer matches this query.</p>
          ) : (
            <ol aria-label="frontier offers" className="frontier-list">
              {frontier.map(({ offer }) => (
                <li key={offer.id}>
                  <Link href={`/offers/${offer.id}`}>
                    {offer.gpu_name} × {offer.num_gpus}
                  </Link>{' '}
                  score {decimal(offer.total_score)} at {perHour(offer.price_per_hour)}
                  {offer.value?.score_per_dollar_hour !== undefined && <> (value {decimal(offer.value.score_per_dollar_hour, 0)})</>}{' '}
                  <Badges offer={offer} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
