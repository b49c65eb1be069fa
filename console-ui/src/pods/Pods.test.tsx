import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MyPods } from '../pages/Pods';
import { fakeMarketplace, money, renderInConsole, type SeenRequest } from './testSupport';
import type { Pod } from './types';

function pod(overrides: Partial<Pod>): Pod {
  return {
    id: 'pod_a',
    name: 'trainer',
    image: 'busybox:1.36',
    type: 'ON_DEMAND',
    state: 'RUNNING',
    host_id: 'hst_1',
    gpu_count: 1,
    disk_gb: 20,
    price_per_hour: money('0.201644'),
    created_at: '2026-11-26T17:00:00Z',
    updated_at: '2026-11-26T17:00:05Z',
    ...overrides,
  };
}

const running = pod({});
const outbid = pod({
  id: 'pod_b',
  name: 'bidder',
  type: 'INTERRUPTIBLE',
  state: 'PREEMPTED',
  bid_per_gpu_hour: money('0.12'),
  price_per_hour: money('0.124658'),
});
const detail = (p: Pod, extra: Partial<Pod> = {}): Pod => ({
  ...p,
  cost_so_far: money('0.05'),
  current_price_per_hour: p.state === 'RUNNING' ? money('0.104658') : undefined,
  events: [
    { seq: 1, to: 'PENDING', reason: 'accepted', at: '2026-11-26T17:00:00Z' },
    { seq: 2, from: 'PENDING', to: 'SCHEDULED', reason: 'bid wins GPUs [1]', at: '2026-11-26T17:00:01Z' },
    ...(p.state === 'PREEMPTED'
      ? [{ seq: 3, from: 'SCHEDULED' as const, to: 'PREEMPTED' as const, reason: 'outbid by pod_x ($0.30/GPU-h)', at: '2026-11-26T17:00:05Z' }]
      : []),
  ],
  ...extra,
});

function renderPods(extraRoutes: Parameters<typeof fakeMarketplace>[0] = {}) {
  const market = fakeMarketplace({
    'GET /v1/pods?limit=20': { body: { items: [running, outbid] } },
    'GET /v1/pods/pod_a': { body: detail(running) },
    'GET /v1/pods/pod_b': { body: detail(outbid) },
    ...extraRoutes,
  });
  vi.stubGlobal('fetch', market.fetch);
  renderInConsole(<MyPods transitionalRefreshMs={50} />, { path: '/pods' });
  return market;
}

const rowOf = async (name: string) => {
  const table = await screen.findByRole('table', { name: 'pods' });
  return within(table).getByText(name).closest('tr') as HTMLElement;
};

afterEach(() => vi.unstubAllGlobals());

describe('My pods', () => {
  it('lists pods with state, price now, cost so far and outbid notices', async () => {
    renderPods();
    const row = await rowOf('trainer');
    expect(within(row).getByRole('cell', { name: 'RUNNING' })).toBeInTheDocument();
    expect(await within(row).findByText('$0.104658')).toBeInTheDocument(); // current_price_per_hour from the pod
    expect(within(row).getByText('$0.050000')).toBeInTheDocument();
    const bidder = await rowOf('bidder');
    expect(within(bidder).getByRole('cell', { name: 'PREEMPTED' })).toBeInTheDocument();
    expect(await within(bidder).findByRole('note')).toHaveTextContent('Outbid notice');
    expect(within(bidder).getByRole('note')).toHaveTextContent('outbid by pod_x ($0.30/GPU-h)');
    expect(within(bidder).getByText('$0.124658 at most when running')).toBeInTheDocument();
    // Raise bid only for interruptible pods.
    expect(within(row).queryByRole('button', { name: 'Raise bid' })).not.toBeInTheDocument();
    expect(within(bidder).getByRole('button', { name: 'Raise bid' })).toBeEnabled();
  });

  it('stops and starts through their endpoints, only where the state allows', async () => {
    const market = renderPods({
      'POST /v1/pods/pod_a/stop': { body: pod({ state: 'STOPPING' }) },
      'POST /v1/pods/pod_b/stop': { body: { ...outbid, state: 'STOPPED' } },
    });
    const row = await rowOf('trainer');
    expect(within(row).getByRole('button', { name: 'Start' })).toBeDisabled();
    fireEvent.click(within(row).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(market.calls('POST', '/v1/pods/pod_a/stop')).toHaveLength(1));
    expect(market.calls('POST', '/v1/pods/pod_a/start')).toHaveLength(0);
  });

  it('starts a stopped pod', async () => {
    const stopped = pod({ state: 'STOPPED' });
    const market = fakeMarketplace({
      'GET /v1/pods?limit=20': { body: { items: [stopped] } },
      'GET /v1/pods/pod_a': { body: detail(stopped) },
      'POST /v1/pods/pod_a/start': { body: pod({ state: 'SCHEDULED' }) },
    });
    vi.stubGlobal('fetch', market.fetch);
    renderInConsole(<MyPods transitionalRefreshMs={50} />);
    const row = await rowOf('trainer');
    expect(within(row).getByRole('button', { name: 'Stop' })).toBeDisabled();
    fireEvent.click(within(row).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(market.calls('POST', '/v1/pods/pod_a/start')).toHaveLength(1));
  });

  it('terminates only after the confirm dialog says yes', async () => {
    const market = renderPods({ 'DELETE /v1/pods/pod_a': { body: pod({ state: 'TERMINATED' }) } });
    const row = await rowOf('trainer');
    fireEvent.click(within(row).getByRole('button', { name: 'Terminate' }));
    const dialog = screen.getByRole('dialog', { name: 'Terminate trainer?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(market.calls('DELETE', '/v1/pods/pod_a')).toHaveLength(0);

    fireEvent.click(within(row).getByRole('button', { name: 'Terminate' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, terminate trainer' }));
    await waitFor(() => expect(market.calls('DELETE', '/v1/pods/pod_a')).toHaveLength(1));
  });

  it('changes a bid with PUT …/bid', async () => {
    const market = renderPods({ 'PUT /v1/pods/pod_b/bid': { body: { ...outbid, bid_per_gpu_hour: money('0.35') } } });
    const row = await rowOf('bidder');
    fireEvent.click(within(row).getByRole('button', { name: 'Raise bid' }));
    const input = within(row).getByLabelText('New bid per GPU-hour for bidder');
    expect(input).toHaveValue('0.120000');
    fireEvent.change(input, { target: { value: '0.35' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save bid' }));
    await waitFor(() => expect(market.calls('PUT', '/v1/pods/pod_b/bid')).toHaveLength(1));
    expect(market.calls('PUT', '/v1/pods/pod_b/bid')[0].body).toEqual({ bid_per_gpu_hour: '0.350000' });
  });

  it("shows an action's API error detail in an alert", async () => {
    renderPods({
      'POST /v1/pods/pod_a/stop': {
        status: 409,
        body: { detail: 'pod pod_a is STOPPING; only a pod holding GPUs can be stopped' },
      },
    });
    const row = await rowOf('trainer');
    fireEvent.click(within(row).getByRole('button', { name: 'Stop' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Stop trainer: pod pod_a is STOPPING; only a pod holding GPUs can be stopped');
  });

  it('refreshes while a pod is changing state, until it settles', async () => {
    let state: Pod['state'] = 'STARTING';
    const market = fakeMarketplace({
      'GET /v1/pods?limit=20': () => ({ body: { items: [pod({ state })] } }),
      'GET /v1/pods/pod_a': () => ({ body: detail(pod({ state })) }),
    });
    vi.stubGlobal('fetch', market.fetch);
    renderInConsole(<MyPods transitionalRefreshMs={50} />);
    const table = await screen.findByRole('table', { name: 'pods' });
    expect(within(table).getByRole('cell', { name: 'STARTING' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('refreshing');
    state = 'RUNNING';
    expect(await within(table).findByRole('cell', { name: 'RUNNING' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument());
    // Settled: no more quick refreshes.
    const lists = (seen: SeenRequest[]) => seen.filter((r) => r.path === '/v1/pods?limit=20').length;
    const settledAt = lists(market.seen);
    // Nor any re-render: React reports an update outside act() on console.error (the table once re-rendered
    // without end when handed a new data array each render).
    const reactErrors = vi.spyOn(console, 'error');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lists(market.seen)).toBe(settledAt);
    expect(reactErrors).not.toHaveBeenCalled();
    reactErrors.mockRestore();
  });

  it('pages back through older pods with next_cursor', async () => {
    const older = pod({ id: 'pod_old', name: 'older one' });
    const market = fakeMarketplace({
      'GET /v1/pods?limit=20': { body: { items: [running], next_cursor: 'c 2' } },
      'GET /v1/pods?limit=20&cursor=c%202': { body: { items: [older] } },
      'GET /v1/pods/pod_a': { body: detail(running) },
      'GET /v1/pods/pod_old': { body: detail(older) },
    });
    vi.stubGlobal('fetch', market.fetch);
    renderInConsole(<MyPods />);
    // Each row's own GET /v1/pods/{id} brings its cost so far.
    const loaded = async (name: string) => within(await rowOf(name)).findByText('$0.050000');
    await loaded('trainer');
    fireEvent.click(screen.getByRole('button', { name: 'Older pods' }));
    expect(await loaded('older one')).toBeInTheDocument();
    expect(screen.queryByText('trainer')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Older pods' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Newer pods' }));
    expect(await loaded('trainer')).toBeInTheDocument();
  });
});
