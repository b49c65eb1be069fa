import { Link, useParams } from 'wouter';
import { Badges } from '../offers/Badges';
import { FiguresChart, figureName } from '../offers/FiguresChart';
import { decimal, dollars, percent, perHour, titleCase } from '../offers/format';
import { useOfferDetail } from '../offers/hooks';
import type { OfferDetail } from '../offers/types';
import '../offers/offers.css';

/** Offer detail: what the offer is, how its score was made, how reliable and healthy its host is. */
export function OfferDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const detail = useOfferDetail(id);

  if (detail.isPending) {
    return (
      <section aria-labelledby="page-title">
        <h2 id="page-title">Offer</h2>
        <p aria-live="polite">Loading offer {id}…</p>
      </section>
    );
  }
  if (detail.isError) {
    return (
      <section aria-labelledby="page-title">
        <h2 id="page-title">Offer</h2>
        <p role="alert" className="problem">
          {detail.error.message}
        </p>
        <p>
          <Link href="/">Back to the offers</Link>
        </p>
      </section>
    );
  }
  return <OfferDetailView detail={detail.data} />;
}

function OfferDetailView({ detail }: { detail: OfferDetail }) {
  const { offer, score_explanation: explanation, health } = detail;
  const benchmarks = detail.latest_benchmarks ?? [];
  return (
    <section aria-labelledby="page-title" className="offer-detail">
      <h2 id="page-title">{offer.gpu_name}</h2>
      <p>
        {offer.num_gpus} × {offer.gpu_name} ({decimal(offer.vram_gb_per_gpu, 0)} GB each) · {titleCase(offer.tier)} ·{' '}
        {offer.region} ({offer.geolocation}
        {offer.datacenter ? `, ${offer.datacenter}` : ''}) <Badges offer={offer} />
      </p>
      {detail.simulated && (
        <p className="note">SIMULATED host: its figures are made up by the demo fleet, not measured on real GPUs.</p>
      )}
      <p>
        <Link href={`/deploy/${offer.id}`} className="primary">
          Deploy
        </Link>
      </p>

      <h3>Price and value</h3>
      <dl className="facts">
        <dt>All-in price</dt>
        <dd>
          {perHour(offer.price_per_hour)} ({dollars(offer.price_per_gpu_hour)} per GPU-hour; disk extra at{' '}
          {dollars(offer.storage_per_gb_month)} per GB-month)
        </dd>
        <dt>Interruptible</dt>
        <dd>bids from {dollars(offer.min_bid_per_gpu_hour)} per GPU-hour</dd>
        <dt>Assay Score</dt>
        <dd>
          {decimal(offer.score_per_gpu)} per GPU, {decimal(offer.total_score)} for all {offer.num_gpus}
        </dd>
        <dt>Value</dt>
        <dd>
          {offer.value?.score_per_dollar_hour === undefined
            ? 'free offer (value unbounded)'
            : `${decimal(offer.value.score_per_dollar_hour, 0)} score per $/h · ${decimal(offer.value.tflops_per_dollar_hour, 0)} TFLOPS per $/h · ${decimal(offer.value.mem_bw_gbps_per_dollar_hour, 0)} GB/s per $/h · ${decimal(offer.value.vram_gb_per_dollar_hour, 0)} GB VRAM per $/h`}
        </dd>
      </dl>

      <h3 id="figures-title">Measured figures against the reference GPU</h3>
      <figure aria-labelledby="figures-title" className="chart-figure">
        <FiguresChart terms={explanation.terms} sku={detail.sku} />
      </figure>

      <h3 id="score-title">How the score is made</h3>
      <p>
        <code>{explanation.formula}</code>
      </p>
      <div className="table-scroll">
        <table aria-labelledby="score-title" className="detail-table">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Measured</th>
              <th scope="col">Reference</th>
              <th scope="col">Ratio</th>
              <th scope="col">Weight</th>
              <th scope="col">Factor (ratio ^ weight)</th>
            </tr>
          </thead>
          <tbody>
            {explanation.terms.map((term) => (
              <tr key={term.figure}>
                <th scope="row">{figureName(term.figure)}</th>
                <td>
                  {decimal(term.measured)} {term.unit}
                </td>
                <td>
                  {decimal(term.reference, 2)} {term.unit}
                </td>
                <td>{decimal(term.ratio, 4)}</td>
                <td>{decimal(term.weight, 2)}</td>
                <td>{decimal(term.factor, 4)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                Score = 100 × {explanation.terms.map((term) => decimal(term.factor, 4)).join(' × ')}
              </th>
              <td>{decimal(explanation.score, 2)}</td>
            </tr>
          </tfoot>
        </table>
      </div>

      <h3 id="gpus-title">GPUs</h3>
      <div className="table-scroll">
        <table aria-labelledby="gpus-title" className="detail-table">
          <thead>
            <tr>
              <th scope="col">GPU</th>
              <th scope="col">Model</th>
              <th scope="col">Score</th>
              <th scope="col">Tensor TFLOPS</th>
              <th scope="col">FP32 TFLOPS</th>
              <th scope="col">Memory GB/s</th>
              <th scope="col">Host-to-device GB/s</th>
            </tr>
          </thead>
          <tbody>
            {detail.gpus.map((gpu) => (
              <tr key={gpu.index}>
                <th scope="row">#{gpu.index}</th>
                <td>
                  {gpu.model} ({decimal(gpu.vram_gb, 0)} GB, compute {gpu.compute_capability})
                </td>
                <td>{decimal(gpu.score)}</td>
                <td>{decimal(gpu.tflops_bf16)}</td>
                <td>{decimal(gpu.tflops_fp32)}</td>
                <td>{decimal(gpu.mem_bw_gbps, 0)}</td>
                <td>{decimal(gpu.pcie_bw_gbps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="reliability-title">
        <h3 id="reliability-title">Reliability and health</h3>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {health.status}
            {health.last_seen_at && <> · last seen {new Date(health.last_seen_at).toLocaleString()}</>}
          </dd>
          <dt>Reliability (lower bound)</dt>
          <dd>{percent(health.reliability)} — what search ranks by: new hosts start uncertain, not perfect</dd>
          <dt>Reliability (mean)</dt>
          <dd>{percent(health.reliability_mean)}</dd>
          <dt>Uptime</dt>
          <dd>
            {percent(health.uptime_1d)} last day · {percent(health.uptime_7d)} last 7 days · {percent(health.uptime_30d)} last 30 days
          </dd>
          <dt>Host-caused pod failures (30 days)</dt>
          <dd>{health.host_failures_30d}</dd>
          <dt>Verification</dt>
          <dd>{offer.verification}</dd>
        </dl>
      </section>

      <h3 id="benchmarks-title">Latest benchmarks</h3>
      {benchmarks.length === 0 ? (
        <p>No benchmark report yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="benchmarks-title" className="detail-table">
            <thead>
              <tr>
                <th scope="col">GPU</th>
                <th scope="col">Verdict</th>
                <th scope="col">Findings</th>
                <th scope="col">Tensor / FP32 TFLOPS</th>
                <th scope="col">Memory / host-to-device GB/s</th>
                <th scope="col">Reported</th>
              </tr>
            </thead>
            <tbody>
              {benchmarks.map((report) => (
                <tr key={`${report.gpu_index}-${report.reported_at}`}>
                  <th scope="row">#{report.gpu_index}</th>
                  <td>
                    {report.verdict}
                    {report.simulated ? ' (SIMULATED)' : ''}
                  </td>
                  <td>
                    {report.findings.length === 0 ? (
                      'none'
                    ) : (
                      <ul>
                        {report.findings.map((finding, i) => (
                          <li key={i}>{finding}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {decimal(report.tflops_bf16)} / {decimal(report.tflops_fp32)}
                  </td>
                  <td>
                    {decimal(report.mem_bw_gbps, 0)} / {decimal(report.pcie_bw_gbps)}
                  </td>
                  <td>{new Date(report.reported_at).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
