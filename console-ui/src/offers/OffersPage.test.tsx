import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OffersPage } from '../pages/Offers';
import { resetCurrentQuery } from './currentQuery';
import { anOffer, fakeMarketplace, money, renderPage } from './testing';

const gpuTypes = {
  items: [
    { gpu_model: 'RTX_3090', gpu_name: 'RTX 3090', listed_offers: 3, available_gpus: 8 },
    { gpu_model: 'H100_SXM5_80GB', gpu_name: 'H100 SXM5 80GB', listed_offers: 2, available_gpus: 16 },
  ],
};

const h100 = anOffer({
  id: 'hst_h100-8',
  host_id: 'hst_h100',
  gpu_model: 'H100_SXM5_80GB',
  gpu_name: 'H100 SXM5 80GB',
  num_gpus: 8,
  price_per_hour: money(19.2),
  score_per_gpu: 252.5,
  total_score: 2020,
  value: { score_per_dollar_hour: 105.2 },
  verified: false,
  verification: 'UNVERIFIED',
  simulated: false,
  tier: 'SECURE',
  region: 'eu-central',
  geolocation: 'DE',
});

beforeEach(() => resetCurrentQuery());
afterEach(() => vi.unstubAllGlobals());

describe('the offers explorer', () => {
  it('shows the offers of the default query, value first, with their links and badges', async () => {
    const market = fakeMarketplace({
      '/v1/gpu-types': { body: gpuTypes },
      '/v1/offers': (url) => ({
        body: { query: `${url.searchParams.get('q')} limit 50`, total_matched: 2, total_matched_exact: true, items: [anOffer(), h100] },
      }),
    });
    vi.stubGlobal('fetch', market.fetchImpl);
    renderPage(<OffersPage />);

    expect(screen.getByRole('heading', { name: 'Offers' })).toBeInTheDocument();
    expect(screen.getByLabelText('Query')).toHaveValue('order by value desc');
    const table = await screen.findByRole('table', { name: 'offers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);

    const first = within(rows[0]);
    expect(first.getByRole('link', { name: 'RTX 3090' })).toHaveAttribute('href', '/offers/hst_efgj8ty4hwdqf2fj6zs7gqwgrb-2');
    expect(first.getByRole('link', { name: 'Deploy' })).toHaveAttribute('href', '/deploy/hst_efgj8ty4hwdqf2fj6zs7gqwgrb-2');
    expect(first.getByText('VERIFIED')).toBeInTheDocument();
    expect(first.getByText('SIMULATED')).toBeInTheDocument();
    expect(first.getByText('$0.380/h')).toBeInTheDocument();
    expect(first.getByText('274')).toBeInTheDocument();
    expect(first.getByText('98.0%')).toBeInTheDocument();

    const second = within(rows[1]);
    expect(second.getByRole('link', { name: 'H100 SXM5 80GB' })).toHaveAttribute('href', '/offers/hst_h100-8');
    expect(second.queryByText('VERIFIED')).toBeNull();
    expect(second.queryByText('SIMULATED')).toBeNull();
    expect(second.getByText('Secure')).toBeInTheDocument();

    // Sorted by value, highest first, as the query says.
    expect(within(table).getByRole('columnheader', { name: /Value/ })).toHaveAttribute('aria-sort', 'descending');
    expect(market.calls.find((u) => u.pathname === '/v1/offers')?.searchParams.get('q')).toBe('order by value desc');
    expect(screen.getByText(/2 shown of 2 matching offers/)).toBeInTheDocument();
  });

  it('writes the filters into the query, which drives the search', async () => {
    const market = fakeMarketplace({
      '/v1/gpu-types': { body: gpuTypes },
      '/v1/offers': (url) => ({ body: { query: url.searchParams.get('q'), total_matched: 0, total_matched_exact: true, items: [] } }),
    });
    vi.stubGlobal('fetch', market.fetchImpl);
    renderPage(<OffersPage />);

    await screen.findByRole('option', { name: 'H100 SXM5 80GB (16 free)' });
    fireEvent.change(screen.getByLabelText('GPU model'), { target: { value: 'H100_SXM5_80GB' } });
    fireEvent.change(screen.getByLabelText('Min VRAM per GPU (GB)'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'secure' } });
    fireEvent.click(screen.getByLabelText('Verified only'));

    const expected = 'gpu_name=H100_SXM5_80GB gpu_ram>=80 tier=secure verified=true order by value desc';
    expect(screen.getByLabelText('Query')).toHaveValue(expected);
    await waitFor(() => expect(market.calls.some((u) => u.searchParams.get('q') === expected)).toBe(true));
    expect(await screen.findByText(/No offer matches this query/)).toBeInTheDocument();
  });

  it('reads a query typed by hand back into the filters', async () => {
    vi.stubGlobal(
      'fetch',
      fakeMarketplace({
        '/v1/gpu-types': { body: gpuTypes },
        '/v1/offers': { body: { query: 'x', total_matched: 0, total_matched_exact: true, items: [] } },
      }).fetchImpl,
    );
    renderPage(<OffersPage />);
    fireEvent.change(screen.getByLabelText('Query'), { target: { value: 'price<=2.5 region=eu-west order by price asc' } });
    expect(screen.getByLabelText('Max price ($/h)')).toHaveValue(2.5);
    expect(screen.getByLabelText('Region')).toHaveValue('eu-west');
    expect(screen.getByLabelText('Verified only')).not.toBeChecked();
  });

  it("shows the problem's detail when the marketplace refuses the query", async () => {
    const detail = "the query cannot be read at 0, 'gpu_rma': unknown field; expected one of gpu_name, num_gpus";
    vi.stubGlobal(
      'fetch',
      fakeMarketplace({
        '/v1/gpu-types': { body: gpuTypes },
        '/v1/offers': (url) =>
          url.searchParams.get('q')?.startsWith('gpu_rma')
            ? { status: 400, body: { type: 'https://assay.dev/problems/validation', title: 'Validation failed', status: 400, detail } }
            : { body: { query: 'order by value desc', total_matched: 1, total_matched_exact: true, items: [anOffer()] } },
      }).fetchImpl,
    );
    renderPage(<OffersPage />);
    await screen.findByRole('table', { name: 'offers' });

    fireEvent.change(screen.getByLabelText('Query'), { target: { value: 'gpu_rma>=24' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(detail);
  });

  it('loads more rows by asking for a larger limit', async () => {
    const market = fakeMarketplace({
      '/v1/gpu-types': { body: gpuTypes },
      '/v1/offers': (url) => {
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const items = Array.from({ length: Math.min(limit, 70) }, (_, i) => anOffer({ id: `hst_${i}-1`, gpu_name: `GPU ${i}` }));
        return { body: { query: `order by value desc limit ${limit}`, total_matched: 70, total_matched_exact: true, items } };
      },
    });
    vi.stubGlobal('fetch', market.fetchImpl);
    renderPage(<OffersPage />);
    const table = await screen.findByRole('table', { name: 'offers' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'offers' })).getAllByRole('row')).toHaveLength(71));
    expect(market.calls.at(-1)?.searchParams.get('limit')).toBe('100');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
