import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach } from 'vitest';
import { HostsPage } from '../pages/Hosts';
import { agentCommand } from './agentCommand';
import { aHost, mockMarketplace, money, renderWithSession, requests } from './testing';

const TOKEN = 'assay_enroll_F13_qxI0edzyAakWgMJFx';
// As the marketplace answers for a machine without pods: the empty recent_pods list is left out.
const emptyEarnings = { host_id: 'hst_rig1', total: money('0'), pods: 0, simulated: false };
const advice = {
  host_id: 'hst_rig1',
  gpu_model: 'RTX_4090',
  target_utilisation: 0.8,
  suggested_per_gpu_hour: money('0.41'),
  reasons: [
    { kind: 'market_median', explanation: 'the median of 12 listed RTX 4090 offers is $0.44 per GPU-hour' },
    { kind: 'utilisation_gap', explanation: 'the market is 55 % rented, below the 80 % you aim at: priced lower' },
  ],
  simulated: false,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('enrolling a machine', () => {
  it('shows the new token once, with the commands that carry it and this marketplace address', async () => {
    let listed: unknown[] = [];
    const fetchMock = mockMarketplace({
      'GET /v1/hosts': { body: { items: [] } },
      'GET /v1/hosts/enrollment-tokens': () => ({ body: { items: listed } }),
      'POST /v1/hosts/enrollment-tokens': () => {
        listed = [{ id: 'ent_1', state: 'active', created_at: '2026-11-26T17:00:00Z', expires_at: '2026-11-27T17:00:00Z' }];
        return { status: 201, body: { id: 'ent_1', token: TOKEN, created_at: '2026-11-26T17:00:00Z', expires_at: '2026-11-27T17:00:00Z' } };
      },
    });
    renderWithSession(<HostsPage />);
    expect(await screen.findByRole('table', { name: 'machines' })).toHaveTextContent('No machines yet');

    fireEvent.change(screen.getByLabelText('Machine name'), { target: { value: 'rack 4 node 2' } });
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: 'eu-west' } });
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'de' } });
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'SECURE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create enrollment token' }));

    const command = await screen.findByLabelText('agent command');
    expect(command.textContent).toContain(`ASSAY_ENROLLMENT_TOKEN=${TOKEN} ./assay agent enroll --marketplace localhost:9090`);
    expect(command.textContent).toContain(`curl -s ${window.location.origin}/v1/agents/ca.pem > ca.pem`);
    expect(command.textContent).toContain('./assay agent run --marketplace localhost:9090 --identity rig');
    expect(screen.getByRole('button', { name: 'Copy commands' })).toBeInTheDocument();
    const post = requests(fetchMock).find((r) => r.call === 'POST /v1/hosts/enrollment-tokens');
    expect(post?.body).toEqual({ name: 'rack 4 node 2', region: 'eu-west', geolocation: 'DE', tier: 'SECURE' });
    expect(post?.authorization).toBe('Bearer assay_key_test');

    // The list of tokens (refetched after the creation) never carries the token; once hidden it is gone.
    const tokens = await screen.findByRole('table', { name: 'enrollment tokens' });
    expect(within(tokens).getByText('active')).toBeInTheDocument();
    expect(within(tokens).queryByText(new RegExp(TOKEN))).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Hide token' }));
    expect(screen.queryByText(new RegExp(TOKEN))).toBeNull();
    expect(screen.queryByLabelText('agent command')).toBeNull();
  });

  it('shows the API detail when the marketplace refuses a token', async () => {
    mockMarketplace({
      'GET /v1/hosts': { body: { items: [] } },
      'GET /v1/hosts/enrollment-tokens': { body: { items: [] } },
      'POST /v1/hosts/enrollment-tokens': { status: 409, body: { detail: 'this organisation already has 100 unused enrollment tokens' } },
    });
    renderWithSession(<HostsPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Create enrollment token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('this organisation already has 100 unused enrollment tokens');
    expect(screen.queryByLabelText('agent command')).toBeNull();
  });
});

describe('agentCommand', () => {
  it('points the agent at the gRPC port of the host serving the console, and the CA at its origin', () => {
    const text = agentCommand('assay_enroll_x', 'https://market.example.org:8443');
    expect(text.split('\n')).toEqual([
      'curl -s https://market.example.org:8443/v1/agents/ca.pem > ca.pem',
      'ASSAY_ENROLLMENT_TOKEN=assay_enroll_x ./assay agent enroll --marketplace market.example.org:9090 --ca-cert ca.pem --state-dir rig',
      './assay agent run --marketplace market.example.org:9090 --identity rig',
      '# no NVIDIA GPU here? add --simulate "2x RTX_4090" to run SIMULATED GPUs',
    ]);
  });
});

describe('the machines table', () => {
  it('shows each machine with its verification, benchmarks, health and the live agent readings', async () => {
    const demo7 = aHost({ id: 'hst_demo', name: 'demo-7', simulated: true, verification: 'UNVERIFIED', agent: undefined, offer: { listed: false } });
    mockMarketplace({
      'GET /v1/hosts': {
        body: {
          items: [
            aHost(),
            demo7,
          ],
        },
      },
      'GET /v1/hosts/enrollment-tokens': { body: { items: [] } },
      'GET /v1/hosts/hst_rig1': { body: aHost() },
      'GET /v1/hosts/hst_rig1/price-advice': { body: advice },
      'GET /v1/hosts/hst_rig1/earnings': { body: emptyEarnings },
      'GET /v1/hosts/hst_demo': { body: demo7 },
      'GET /v1/hosts/hst_demo/price-advice': { body: { ...advice, host_id: 'hst_demo', simulated: true } },
      'GET /v1/hosts/hst_demo/earnings': { body: { ...emptyEarnings, host_id: 'hst_demo', simulated: true } },
    });
    renderWithSession(<HostsPage />);
    const table = await screen.findByRole('table', { name: 'machines' });
    const [, rig, demo] = within(table).getAllByRole('row');

    expect(within(rig).getByText('VERIFIED')).toBeInTheDocument();
    expect(rig).toHaveTextContent('2× RTX 4090 · score 86.0 / 83.6');
    expect(rig).toHaveTextContent('PLAUSIBLE ×1, SUSPICIOUS ×1 (GPU 1: memory bandwidth 40 % below the RTX 4090 baseline)');
    expect(rig).toHaveTextContent('reliability 96.2 % · uptime 30d 98.1 % · 2 failures (30d)');
    expect(rig).toHaveTextContent(/connected · heard \d s ago/);
    expect(rig).toHaveTextContent('GPU 0: 61 °C, 313 W, 97 % busy');
    expect(rig).toHaveTextContent('GPU 1: 38 °C, 21 W, 3 % busy');
    expect(rig).toHaveTextContent('$0.45 per GPU-hour');

    expect(demo).toHaveTextContent('UNVERIFIED');
    expect(within(demo).getByText('SIMULATED')).toBeInTheDocument();
    expect(demo).toHaveTextContent('no agent (SIMULATED demo machine)');
    expect(demo).toHaveTextContent('unlisted');

    // The first machine's page shows at once; "Manage" opens another's.
    expect(await screen.findByRole('heading', { name: /rig-1/ })).toBeInTheDocument();
    fireEvent.click(within(demo).getByRole('button', { name: 'Manage demo-7' }));
    expect(await screen.findByRole('heading', { name: /demo-7/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'List machine' })).toBeInTheDocument();
  });

  it('asks for the next page while the API gives a cursor', async () => {
    const fetchMock = mockMarketplace({
      'GET /v1/hosts': (_, query) =>
        query.get('cursor') === 'hst_rig1'
          ? { body: { items: [aHost({ id: 'hst_rig2', name: 'rig-2' })] } }
          : { body: { items: [aHost()], next_cursor: 'hst_rig1' } },
      'GET /v1/hosts/enrollment-tokens': { body: { items: [] } },
    });
    renderWithSession(<HostsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'More machines' }));
    expect(await screen.findByRole('button', { name: 'Manage rig-2' })).toBeInTheDocument();
    expect(requests(fetchMock).map((r) => r.call)).toContain('GET /v1/hosts?limit=50&cursor=hst_rig1');
    expect(screen.queryByRole('button', { name: 'More machines' })).toBeNull();
  });

  it('shows the API detail when the machines cannot be read', async () => {
    mockMarketplace({
      'GET /v1/hosts': { status: 403, body: { detail: 'this key lacks the scope read' } },
      'GET /v1/hosts/enrollment-tokens': { body: { items: [] } },
    });
    renderWithSession(<HostsPage />);
    expect(await screen.findByText('this key lacks the scope read')).toHaveAttribute('role', 'alert');
  });
});

describe("a machine's prices", () => {
  function marketWithOffer(putAnswer: (body: unknown) => { status?: number; body?: unknown }) {
    return mockMarketplace({
      'GET /v1/hosts': { body: { items: [aHost()] } },
      'GET /v1/hosts/enrollment-tokens': { body: { items: [] } },
      'GET /v1/hosts/hst_rig1': { body: aHost() },
      'GET /v1/hosts/hst_rig1/price-advice': { body: advice },
      'GET /v1/hosts/hst_rig1/earnings': { body: emptyEarnings },
      'PUT /v1/hosts/hst_rig1/offer': putAnswer,
      'DELETE /v1/hosts/hst_rig1/offer': { status: 204 },
    });
  }

  async function openRig() {
    renderWithSession(<HostsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Manage rig-1' }));
    await screen.findByRole('heading', { name: /rig-1/ });
  }

  it('shows the price advice with its reasons beside the form, and posts the offer as typed', async () => {
    const fetchMock = marketWithOffer(() => ({ body: aHost() }));
    await openRig();
    expect(await screen.findByText('Suggested: $0.41 per GPU-hour for RTX_4090', { exact: false })).toBeInTheDocument();
    const reasons = screen.getByRole('list', { name: 'reasons' });
    expect(within(reasons).getAllByRole('listitem').map((li) => li.textContent)).toEqual(advice.reasons.map((r) => r.explanation));

    expect(screen.getByLabelText('On-demand price per GPU-hour ($)')).toHaveValue('0.45');
    fireEvent.click(screen.getByRole('button', { name: 'Use suggested $0.41' }));
    fireEvent.change(screen.getByLabelText('Minimum bid per GPU-hour ($)'), { target: { value: '0.25' } });
    fireEvent.change(screen.getByLabelText('Storage per GB-month ($)'), { target: { value: '0.08' } });
    fireEvent.change(screen.getByLabelText('Minimum GPUs per pod'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Available until (optional)'), { target: { value: '2027-01-31T12:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Update offer' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Listed');
    const put = requests(fetchMock).find((r) => r.call === 'PUT /v1/hosts/hst_rig1/offer');
    expect(put?.body).toEqual({
      on_demand_per_gpu_hour: '0.41',
      min_bid_per_gpu_hour: '0.25',
      storage_per_gb_month: '0.08',
      min_gpus_per_pod: 2,
      available_until: new Date('2027-01-31T12:00').toISOString(),
    });
  });

  it("shows the API's problem detail when the offer is refused", async () => {
    marketWithOffer(() => ({
      status: 400,
      body: { title: 'Validation failed', detail: 'the offer is invalid: on_demand_per_gpu_hour must be at most $1,000' },
    }));
    await openRig();
    fireEvent.change(screen.getByLabelText('On-demand price per GPU-hour ($)'), { target: { value: '5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Update offer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the offer is invalid: on_demand_per_gpu_hour must be at most $1,000');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('unlists the machine with DELETE on its offer', async () => {
    const fetchMock = marketWithOffer(() => ({ body: aHost() }));
    await openRig();
    fireEvent.click(screen.getByRole('button', { name: 'Unlist' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Unlisted');
    expect(requests(fetchMock).map((r) => r.call)).toContain('DELETE /v1/hosts/hst_rig1/offer');
  });

  it("shows the machine's GPUs with verdicts and live readings, and its pods' earnings", async () => {
    mockMarketplace({
      'GET /v1/hosts': { body: { items: [aHost()] } },
      'GET /v1/hosts/enrollment-tokens': { body: { items: [] } },
      'GET /v1/hosts/hst_rig1': { body: aHost() },
      'GET /v1/hosts/hst_rig1/price-advice': { body: advice },
      'GET /v1/hosts/hst_rig1/earnings': {
        body: {
          ...emptyEarnings,
          total: money('12.5'),
          pods: 1,
          recent_pods: [
            { pod_id: 'pod_a', amount: money('12.5'), first_period_from: '2026-11-20T00:00:00Z', last_period_to: '2026-11-26T00:00:00Z', transfers: 40 },
          ],
        },
      },
    });
    await openRig();
    const gpus = screen.getByRole('table', { name: 'GPUs of this machine' });
    const [, gpu0, gpu1] = within(gpus).getAllByRole('row');
    expect(gpu0).toHaveTextContent('86.0');
    expect(gpu0).toHaveTextContent('61 °C, 313 W, 97 % busy, 20110 MiB');
    expect(gpu1).toHaveTextContent('SUSPICIOUS: memory bandwidth 40 % below the RTX 4090 baseline');
    expect(await screen.findByText(/Total \$12\.50 from 1 pods/)).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'pods on this machine' })).getByText('pod_a')).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'earnings per day' })).toBeInTheDocument();
  });

  it('shows a machine that has reported nothing yet (the API leaves its empty lists out)', async () => {
    const bare = { ...aHost({ agent: undefined, offer: { listed: false } }) } as Partial<ReturnType<typeof aHost>>;
    delete bare.gpus;
    delete bare.latest_benchmarks;
    mockMarketplace({
      'GET /v1/hosts': { body: { items: [bare] } },
      'GET /v1/hosts/enrollment-tokens': { body: {} },
      'GET /v1/hosts/hst_rig1': { body: bare },
      'GET /v1/hosts/hst_rig1/earnings': { body: emptyEarnings },
    });
    renderWithSession(<HostsPage />);
    const table = await screen.findByRole('table', { name: 'machines' });
    expect(table).toHaveTextContent('no GPUs reported yet');
    expect(table).toHaveTextContent('not benchmarked yet');
    expect(screen.getByText('No enrollment tokens yet.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Manage rig-1' }));
    expect(await screen.findByText('No pod has run on this machine yet.')).toBeInTheDocument();
    expect(screen.getByText('Price advice comes once the machine has reported its GPUs.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'List machine' })).toBeInTheDocument();
  });
});
