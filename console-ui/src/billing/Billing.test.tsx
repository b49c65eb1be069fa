import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { BillingPage } from '../pages/Billing';
import { fakeMarketplace, money, renderInConsole } from '../pods/testSupport';

const credit = {
  transfer_id: 'tr_credit',
  kind: 'credit',
  from_account: 'operator_funding',
  to_account: 'renter_balance',
  amount: money('25'),
  balance_change: money('25'),
  host_payable_change: money('0'),
  reference: 'pay-1',
  created_at: '2026-11-26T17:19:19Z',
};
const usage = {
  transfer_id: 'tr_usage',
  kind: 'usage',
  from_account: 'renter_balance',
  to_account: 'host_payable',
  amount: money('0.000263'),
  balance_change: { dollars: '-0.000263', micros: -263 },
  host_payable_change: money('0'),
  pod_id: 'pod_t2',
  period_from: '2026-11-26T17:32:10Z',
  period_to: '2026-11-26T17:32:20Z',
  created_at: '2026-11-26T17:32:20Z',
};
const usageAnswer = {
  org_id: 'org_1',
  from: '2026-10-27T00:00:00Z',
  to: '2026-11-26T00:00:00Z',
  charged: money('0.066021'),
  pods_charged: 1,
  pods: [
    {
      pod_id: 'pod_t1',
      name: 't1',
      type: 'ON_DEMAND',
      gpu_count: 1,
      host_id: 'hst_1',
      charged: money('0.04359'),
      platform_fee: money('0.004333'),
      first_period_from: '2026-11-26T17:19:22Z',
      last_period_to: '2026-11-26T17:32:20Z',
      periods: 78,
    },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('Billing', () => {
  it('shows the balance, the usage per pod and the ledger, paging to older entries', async () => {
    const market = fakeMarketplace({
      'GET /v1/billing/balance': { body: { org_id: 'org_1', balance: money('24.933979'), host_payable: money('0') } },
      'GET /v1/billing/ledger?limit=25': { body: { items: [usage], next_cursor: 'c1' } },
      'GET /v1/billing/ledger?limit=25&cursor=c1': { body: { items: [credit] } },
    });
    const fetchImpl: typeof fetch = (input, init) =>
      String(input).startsWith('/v1/billing/usage?')
        ? Promise.resolve(new Response(JSON.stringify(usageAnswer), { status: 200 }))
        : market.fetch(input, init);
    vi.stubGlobal('fetch', fetchImpl);
    renderInConsole(<BillingPage />);

    expect(await screen.findByTestId('balance')).toHaveTextContent('$24.933979');
    expect(await screen.findByText('Charged $0.066021 for 1 pod.')).toBeInTheDocument();
    const perPod = screen.getByRole('table', { name: 'usage by pod, figures' });
    expect(within(perPod).getByText('$0.043590')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'usage by pod' })).toBeInTheDocument();

    const ledger = screen.getByRole('table', { name: 'ledger' });
    expect(await within(ledger).findByText('-$0.000263')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Older entries' }));
    expect(await within(ledger).findByText('pay-1')).toBeInTheDocument();
    expect(within(ledger).getByText('operator funding → renter balance')).toBeInTheDocument();
  });

  it('asks for usage over the window chosen', async () => {
    const seen: string[] = [];
    vi.stubGlobal('fetch', (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return new Response(JSON.stringify(String(input).includes('ledger') ? { items: [] } : usageAnswer), { status: 200 });
    }) as typeof fetch);
    renderInConsole(<BillingPage />);
    await screen.findByText('Charged $0.066021 for 1 pod.');
    fireEvent.change(screen.getByLabelText('Window'), { target: { value: '7' } });
    await waitFor(() => expect(seen.filter((u) => u.startsWith('/v1/billing/usage?'))).toHaveLength(2));
    const url = new URL(seen.filter((u) => u.startsWith('/v1/billing/usage?'))[1], 'http://x');
    const days = (Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!)) / 86_400_000;
    expect(days).toBe(7);
  });

  it('shows a refused call as an alert', async () => {
    vi.stubGlobal('fetch', fakeMarketplace({}).fetch);
    renderInConsole(<BillingPage />);
    await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThanOrEqual(3));
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('no fake route for GET /v1/billing/balance');
  });
});
