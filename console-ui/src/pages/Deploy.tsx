import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useParams } from 'wouter';
import { useSession } from '../session';
import { podsApi } from '../pods/podsApi';
import { toPodRequest, type DeployForm } from '../pods/podForm';
import { newIdempotencyKey } from '../pods/idempotency';
import { formatMicros, microsToDollarString, parseDollars } from '../pods/money';
import { DeployCost } from '../pods/DeployCost';
import { BidAdvice } from '../pods/BidAdvice';
import type { GpuType, Offer, PodRequest } from '../pods/types';

/** Deploy (#/deploy/:offerId): a pod on one offer's host, on demand or interruptible with a bid. */
export function DeployPage() {
  const { offerId = '' } = useParams<{ offerId: string }>();
  const { apiKey } = useSession();
  const api = useMemo(() => podsApi(apiKey), [apiKey]);
  const offer = useQuery({ queryKey: ['offer', offerId], queryFn: () => api.offer(offerId) });
  const gpuTypes = useQuery({ queryKey: ['gpu-types'], queryFn: () => api.gpuTypes() });

  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">Deploy</h2>
      {offer.isPending && <p>Loading the offer…</p>}
      {offer.isError && <p role="alert">{offer.error.message}</p>}
      {offer.data && (
        <DeployOffer
          offer={offer.data.offer}
          gpuTypes={gpuTypes.data?.items ?? []}
          create={(request, key) => api.create(request, key)}
        />
      )}
    </section>
  );
}

function DeployOffer({
  offer,
  gpuTypes,
  create,
}: {
  offer: Offer;
  gpuTypes: GpuType[];
  create: (request: PodRequest, idempotencyKey: string) => Promise<unknown>;
}) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<DeployForm>({
    name: '',
    image: '',
    gpus: String(offer.num_gpus),
    diskGb: '20',
    environment: '',
    ports: '22/tcp',
    type: 'ON_DEMAND',
    bid: microsToDollarString(offer.min_bid_per_gpu_hour.micros),
  });
  const [formError, setFormError] = useState<string | null>(null);
  const deploy = useMutation({
    mutationFn: ({ request, key }: { request: PodRequest; key: string }) => create(request, key),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['pods'] });
      navigate('/pods');
    },
  });
  const set = (field: keyof DeployForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = toPodRequest(form, offer.id);
    if (!parsed.ok) {
      setFormError(parsed.error);
      return;
    }
    setFormError(null);
    // One key per submit: a network retry of this request is placed once; a new submit is a new pod.
    deploy.mutate({ request: parsed.value, key: newIdempotencyKey() });
  };

  const interruptible = form.type === 'INTERRUPTIBLE';
  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);
  const winning = gpuTypes.find((t) => t.gpu_model === offer.gpu_model)?.winning_bid_per_gpu_hour;
  const bidMicros = parseDollars(form.bid);
  const error = formError ?? (deploy.isError ? deploy.error.message : null);

  return (
    <>
      <p>
        {offer.num_gpus} × {offer.gpu_name} ({offer.vram_gb_per_gpu} GB) on host {offer.host_id}, {offer.region},{' '}
        {offer.tier.toLowerCase()} tier, {offer.verification}
        {offer.simulated && <span className="badge simulated">SIMULATED</span>}. On demand{' '}
        {formatMicros(offer.price_per_gpu_hour.micros)} per GPU-hour; storage{' '}
        {formatMicros(offer.storage_per_gb_month.micros)} per GB-month.
      </p>
      <form
        onSubmit={submit}
        aria-label="deploy a pod"
        style={{ display: 'grid', gap: '0.5rem', maxWidth: '48rem', justifyItems: 'start' }}
      >
        <label>
          Name <input value={form.name} onChange={set('name')} required maxLength={100} autoComplete="off" />
        </label>
        <label>
          Image{' '}
          <input
            value={form.image}
            onChange={set('image')}
            required
            placeholder="pytorch/pytorch:2.4.0-cuda12.4"
            autoComplete="off"
          />
        </label>
        <label>
          GPUs <input type="number" min={1} max={64} value={form.gpus} onChange={set('gpus')} required />
        </label>
        <label>
          Disk (GB) <input type="number" min={1} value={form.diskGb} onChange={set('diskGb')} required />
        </label>
        <label>
          Environment{' '}
          <textarea
            value={form.environment}
            onChange={set('environment')}
            rows={3}
            placeholder="KEY=VALUE, one a line"
            aria-describedby="environment-help"
          />
        </label>
        <span id="environment-help">KEY=VALUE lines, e.g. WANDB_MODE=offline</span>
        <label>
          Ports{' '}
          <input value={form.ports} onChange={set('ports')} aria-describedby="ports-help" autoComplete="off" />
        </label>
        <span id="ports-help">comma-separated, e.g. 22/tcp, 8888/http</span>
        <fieldset>
          <legend>Rental</legend>
          <label>
            <input
              type="radio"
              name="rental"
              value="ON_DEMAND"
              checked={!interruptible}
              onChange={() => setForm((f) => ({ ...f, type: 'ON_DEMAND' }))}
            />{' '}
            On demand
          </label>
          <label>
            <input
              type="radio"
              name="rental"
              value="INTERRUPTIBLE"
              checked={interruptible}
              onChange={() => setForm((f) => ({ ...f, type: 'INTERRUPTIBLE' }))}
            />{' '}
            Interruptible
          </label>
          {interruptible && (
            <>
              <label>
                Bid per GPU-hour{' '}
                <input value={form.bid} onChange={set('bid')} inputMode="decimal" aria-describedby="bid-advice" />
              </label>
              <BidAdvice
                gpuName={offer.gpu_name}
                minBid={offer.min_bid_per_gpu_hour}
                winningBidForModel={winning}
                bidMicros={bidMicros}
              />
            </>
          )}
        </fieldset>
        <DeployCost
          gpus={whole(form.gpus)}
          diskGb={whole(form.diskGb)}
          pricePerGpuHourMicros={offer.price_per_gpu_hour.micros}
          storagePerGbMonthMicros={offer.storage_per_gb_month.micros}
          interruptible={interruptible}
          minBidMicros={offer.min_bid_per_gpu_hour.micros}
          bidMicros={bidMicros}
        />
        {error && <p role="alert">{error}</p>}
        <button type="submit" disabled={deploy.isPending}>
          Deploy
        </button>
        {deploy.isPending && <span role="status">Placing the pod…</span>}
      </form>
    </>
  );
}
