import { screen, within } from '@testing-library/react';
import { Route } from 'wouter';
import { OfferDetailPage } from '../pages/OfferDetail';
import { anOffer, fakeMarketplace, renderPage } from './testing';
import type { OfferDetail } from './types';

afterEach(() => vi.unstubAllGlobals());

const ID = 'hst_efgj8ty4hwdqf2fj6zs7gqwgrb-2';

/** `GET /v1/offers/{id}` of a demo-fleet RTX 3090 host, with one suspicious benchmark added. */
const detail: OfferDetail = {
  offer: anOffer(),
  score_explanation: {
    formula: 'score = 100 × (tensor ÷ 249.6)^0.40 × (memory ÷ 1564)^0.30 × (fp32 ÷ 13.65)^0.20 × (h2d ÷ 25.2)^0.10',
    score: 52.15047555734981,
    terms: [
      { figure: 'tensor_tflops', unit: 'TFLOPS', measured: 59.216577546018904, reference: 249.6, weight: 0.4, ratio: 0.23724590362988343, factor: 0.5624442600398855 },
      { figure: 'memory_bandwidth_gbps', unit: 'GB/s', measured: 780.6579800432914, reference: 1564, weight: 0.3, ratio: 0.4991419309739715, factor: 0.8118339637582883 },
      { figure: 'fp32_tflops', unit: 'TFLOPS', measured: 25.980230852936458, reference: 13.65, weight: 0.2, ratio: 1.9033136155997405, factor: 1.1373707910134636 },
      { figure: 'host_to_device_gbps', unit: 'GB/s', measured: 26.27214355914923, reference: 25.2, weight: 0.1, ratio: 1.0425453793313186, factor: 1.0041752123211662 },
    ],
  },
  gpus: [0, 1].map((index) => ({
    index,
    sku_id: 'RTX_3090',
    model: 'RTX 3090',
    vram_gb: 24,
    compute_capability: '8.6',
    score: 52.15047555734981,
    tflops_bf16: 59.216577546018904,
    tflops_fp32: 25.980230852936458,
    mem_bw_gbps: 780.6579800432914,
    pcie_bw_gbps: 26.27214355914923,
  })),
  health: {
    status: 'ONLINE',
    last_seen_at: '2026-11-26T17:19:27.413093Z',
    reliability: 0.9800099179345133,
    reliability_mean: 0.9914881680924718,
    uptime_1d: 1,
    uptime_7d: 0.875,
    uptime_30d: 0.995831454914869,
    host_failures_30d: 2,
  },
  latest_benchmarks: [
    {
      gpu_index: 1,
      verdict: 'SUSPICIOUS',
      findings: ['memory bandwidth 1200 GB/s is above the RTX 3090 datasheet peak of 936 GB/s by more than 5 %'],
      tflops_bf16: 59.2,
      tflops_fp32: 25.9,
      mem_bw_gbps: 1200,
      pcie_bw_gbps: 26.2,
      simulated: true,
      reported_at: '2026-11-26T17:19:27Z',
    },
  ],
  simulated: true,
};

function renderDetail() {
  return renderPage(
    <Route path="/offers/:id">
      <OfferDetailPage />
    </Route>,
    `/offers/${ID}`,
  );
}

describe('the offer detail', () => {
  it('shows the offer, the score term by term, reliability, benchmarks and a Deploy link', async () => {
    const market = fakeMarketplace({ '/v1/offers/': { body: detail } });
    vi.stubGlobal('fetch', market.fetchImpl);
    renderDetail();

    expect(await screen.findByRole('heading', { level: 2, name: 'RTX 3090' })).toBeInTheDocument();
    expect(market.calls[0].pathname).toBe(`/v1/offers/${ID}`);
    expect(screen.getByRole('link', { name: 'Deploy' })).toHaveAttribute('href', `/deploy/${ID}`);
    expect(screen.getByText('VERIFIED', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.getByText(/SIMULATED host/)).toBeInTheDocument();
    expect(screen.getByText(/\$0\.380\/h/)).toBeInTheDocument();

    const score = within(screen.getByRole('table', { name: 'How the score is made' }));
    const tensor = within(score.getByRole('row', { name: /Tensor \(dense BF16\)/ }));
    expect(tensor.getByText('59.2 TFLOPS')).toBeInTheDocument();
    expect(tensor.getByText('249.60 TFLOPS')).toBeInTheDocument();
    expect(tensor.getByText('0.5624')).toBeInTheDocument();
    expect(score.getByText('Score = 100 × 0.5624 × 0.8118 × 1.1374 × 1.0042')).toBeInTheDocument();
    expect(score.getByText('52.15')).toBeInTheDocument();

    const reliability = within(screen.getByRole('region', { name: 'Reliability and health' }));
    expect(reliability.getByText(/98\.0% — what search ranks by/)).toBeInTheDocument();
    expect(reliability.getByText('99.1%')).toBeInTheDocument();
    expect(reliability.getByText(/87\.5% last 7 days/)).toBeInTheDocument();
    expect(reliability.getByText('2')).toBeInTheDocument();

    const benchmarks = within(screen.getByRole('table', { name: 'Latest benchmarks' }));
    expect(benchmarks.getByText('SUSPICIOUS (SIMULATED)')).toBeInTheDocument();
    expect(benchmarks.getByText(/above the RTX 3090 datasheet peak/)).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'GPUs' })).getAllByRole('row')).toHaveLength(3);
  });

  it('says so when the offer has no benchmark report', async () => {
    vi.stubGlobal('fetch', fakeMarketplace({ '/v1/offers/': { body: { ...detail, latest_benchmarks: undefined } } }).fetchImpl);
    renderDetail();
    expect(await screen.findByText('No benchmark report yet.')).toBeInTheDocument();
  });

  it("shows the problem's detail for an offer no longer in the market", async () => {
    vi.stubGlobal(
      'fetch',
      fakeMarketplace({ '/v1/offers/': { status: 404, body: { status: 404, title: 'Not found', detail: `no offer ${ID} in the market now` } } })
        .fetchImpl,
    );
    renderDetail();
    expect(await screen.findByRole('alert')).toHaveTextContent(`no offer ${ID} in the market now`);
  });
});
