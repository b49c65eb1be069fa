import { screen, within } from '@testing-library/react';
import { FrontierPage } from '../pages/Frontier';
import { resetCurrentQuery, setCurrentQuery } from './currentQuery';
import { anOffer, fakeMarketplace, money, renderPage } from './testing';

beforeEach(() => resetCurrentQuery());
afterEach(() => vi.unstubAllGlobals());

const offer = (id: string, price: number, score: number) =>
  anOffer({ id, gpu_name: `GPU ${id}`, num_gpus: 1, price_per_hour: money(price), total_score: score, score_per_gpu: score });

describe('the value frontier', () => {
  it("lists the Pareto-optimal offers of the current query, cheapest first, with links to each", async () => {
    setCurrentQuery('gpu_ram>=24 order by value desc');
    const market = fakeMarketplace({
      '/v1/offers': (url) => ({
        body: {
          query: url.searchParams.get('q'),
          total_matched: 4,
          total_matched_exact: true,
          // b is dearer and worse than a; d is dearer than c for the same score.
          items: [offer('a', 1, 50), offer('b', 2, 40), offer('c', 3, 90), offer('d', 4, 90)],
        },
      }),
    });
    vi.stubGlobal('fetch', market.fetchImpl);
    renderPage(<FrontierPage />, '/frontier');

    expect(screen.getByRole('heading', { name: 'Value frontier' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'frontier offers' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['GPU a × 1', 'GPU c × 1']);
    expect(links[1]).toHaveAttribute('href', '/offers/c');
    expect(screen.getByLabelText('score against price')).toBeInTheDocument();
    expect(screen.getByText(/4 offers plotted/)).toHaveTextContent('2 on the frontier');

    const asked = market.calls.find((url) => url.pathname === '/v1/offers')!;
    expect(asked.searchParams.get('q')).toBe('gpu_ram>=24 order by value desc');
    expect(asked.searchParams.get('limit')).toBe('500');
  });

  it("shows the problem's detail when the query is refused", async () => {
    vi.stubGlobal(
      'fetch',
      fakeMarketplace({
        '/v1/offers': { status: 400, body: { status: 400, title: 'Validation failed', detail: "at 8, '24': expected an operator after gpu_ram" } },
      }).fetchImpl,
    );
    renderPage(<FrontierPage />, '/frontier');
    expect(await screen.findByRole('alert')).toHaveTextContent("at 8, '24': expected an operator after gpu_ram");
    expect(screen.queryByRole('list', { name: 'frontier offers' })).toBeNull();
  });
});
