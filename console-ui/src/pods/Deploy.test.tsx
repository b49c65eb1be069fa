import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route } from 'wouter';
import { DeployPage } from '../pages/Deploy';
import { fakeMarketplace, money, renderInConsole } from './testSupport';

const OFFER_ID = 'hst_h46y70cvag8bpscnx400e6c5ev-2';
const offer = {
  offer: {
    id: OFFER_ID,
    host_id: 'hst_h46y70cvag8bpscnx400e6c5ev',
    gpu_model: 'RTX_3090',
    gpu_name: 'RTX 3090',
    num_gpus: 2,
    vram_gb_per_gpu: 24,
    price_per_gpu_hour: money('0.19'),
    price_per_hour: money('0.38'),
    min_bid_per_gpu_hour: money('0.10'),
    storage_per_gb_month: money('0.17'),
    region: 'ap-northeast',
    tier: 'COMMUNITY',
    verification: 'VERIFIED',
    simulated: true,
    host: { free_disk_gb: 1000 },
  },
  simulated: true,
};
const gpuTypes = { items: [{ gpu_model: 'RTX_3090', gpu_name: 'RTX 3090', winning_bid_per_gpu_hour: money('0.14') }] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function renderDeploy(postAnswer: { status?: number; body?: unknown }) {
  const market = fakeMarketplace({
    [`GET /v1/offers/${OFFER_ID}`]: { body: offer },
    'GET /v1/gpu-types': { body: gpuTypes },
    'POST /v1/pods': postAnswer,
  });
  vi.stubGlobal('fetch', market.fetch);
  const view = renderInConsole(<Route path="/deploy/:offerId" component={DeployPage} />, { path: `/deploy/${OFFER_ID}` });
  return { market, ...view };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });

afterEach(() => vi.unstubAllGlobals());

describe('Deploy', () => {
  it('posts the pod for the offer with an Idempotency-Key and goes to My pods', async () => {
    const { market, location } = renderDeploy({ status: 201, body: { id: 'pod_1', state: 'SCHEDULED' } });
    await screen.findByText(/2 × RTX 3090/);
    type('Name', 'finetune');
    type('Image', 'pytorch/pytorch:2.4.0-cuda12.4');
    type('GPUs', '1');
    type('Disk (GB)', '50');
    type('Environment', 'WANDB_MODE=offline');
    type('Ports', '22/tcp, 8888/http');
    // 1 × $0.19 + ceil(50 × $0.17 ÷ 730) = $0.201644, exactly what the marketplace charged for such a pod.
    expect(screen.getByText(/\$0\.201644 per hour/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));

    await waitFor(() => expect(location.history.at(-1)).toBe('/pods'));
    const [post] = market.calls('POST', '/v1/pods');
    expect(post.body).toEqual({
      name: 'finetune',
      image: 'pytorch/pytorch:2.4.0-cuda12.4',
      gpu_count: 1,
      offer_id: OFFER_ID,
      disk_gb: 50,
      env: { WANDB_MODE: 'offline' },
      ports: ['22/tcp', '8888/http'],
      type: 'ON_DEMAND',
    });
    expect(post.headers['Idempotency-Key']).toMatch(UUID);
    expect(post.headers.Authorization).toBe('Bearer assay_key_test');
  });

  it("shows the API's problem detail in an alert and stays on the page", async () => {
    const detail = "the pod request is invalid: image required: an OCI image reference such as 'pytorch/pytorch:2.4.0-cuda12.4'";
    const { market, location } = renderDeploy({ status: 400, body: { detail } });
    await screen.findByText(/2 × RTX 3090/);
    type('Name', 'e2e');
    type('Image', 'UPPER CASE!');
    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(detail);
    expect(location.history.at(-1)).toBe(`/deploy/${OFFER_ID}`);
    expect(screen.getByLabelText('Image', { exact: true })).toHaveValue('UPPER CASE!');
    // A second submit is a new request with a new key.
    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    await waitFor(() => expect(market.calls('POST', '/v1/pods')).toHaveLength(2));
    const [first, second] = market.calls('POST', '/v1/pods');
    expect(first.headers['Idempotency-Key']).not.toBe(second.headers['Idempotency-Key']);
  });

  it('bids for interruptible capacity, showing the minimum bid and the winning bid for the model', async () => {
    const { market } = renderDeploy({ status: 201, body: { id: 'pod_2', state: 'PENDING' } });
    await screen.findByText(/2 × RTX 3090/);
    expect(screen.queryByLabelText('Bid per GPU-hour')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: 'Interruptible' }));
    await screen.findByText(/highest bid holding RTX 3090 GPUs in the market now is \$0\.140000/);
    expect(screen.getByText(/Minimum bid to win: \$0\.100000 per GPU-hour/)).toBeInTheDocument();
    expect(screen.getByText(/Current clearing price on this host: from \$0\.100000/)).toBeInTheDocument();
    type('Name', 'cheap');
    type('Image', 'busybox:1.36');
    type('Bid per GPU-hour', '0.15');
    // 2 × $0.15 + ceil(20 × $0.17 ÷ 730) = $0.304658 at most; at the minimum bid 2 × $0.10 + $0.004658.
    expect(screen.getByText(/at most \$0\.304658 per hour/)).toBeInTheDocument();
    expect(screen.getByText(/at least \$0\.204658 per hour/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    await waitFor(() => expect(market.calls('POST', '/v1/pods')).toHaveLength(1));
    expect(market.calls('POST', '/v1/pods')[0].body).toMatchObject({ type: 'INTERRUPTIBLE', bid_per_gpu_hour: '0.150000', gpu_count: 2 });
  });

  it('refuses a form it cannot send without calling the API', async () => {
    const { market } = renderDeploy({ status: 201, body: {} });
    await screen.findByText(/2 × RTX 3090/);
    type('Name', 'x');
    type('Image', 'busybox');
    type('Environment', 'not a variable');
    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Environment line 1 is not KEY=VALUE');
    expect(market.calls('POST', '/v1/pods')).toHaveLength(0);
  });

  it('says so when the offer is gone', async () => {
    vi.stubGlobal('fetch', fakeMarketplace({ 'GET /v1/gpu-types': { body: gpuTypes } }).fetch);
    renderInConsole(<Route path="/deploy/:offerId" component={DeployPage} />, { path: '/deploy/hst_gone-1' });
    expect(await screen.findByRole('alert')).toHaveTextContent('no fake route for GET /v1/offers/hst_gone-1');
  });
});
