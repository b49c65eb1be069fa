import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { decimal, dollars } from './format';
import type { HostsApi } from './hostsApi';
import type { Host, Money, OfferRequest } from './types';

/** An instant from the API as the value a datetime-local input takes (local time, to the minute). */
function localInput(instant: string | undefined): string {
  if (!instant) {
    return '';
  }
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The machine's offer: prices as the owner types them (sent as decimal strings, so no float ever rounds a
 * price), the smallest pod, and until when. The API checks every rule; its problem detail is shown as it is.
 */
export function OfferForm({
  api,
  host,
  suggestion,
}: {
  api: HostsApi;
  host: Host;
  /** The price advisor's suggested on-demand price per GPU-hour, when there is one. */
  suggestion?: Money;
}) {
  const queryClient = useQueryClient();
  const offer = host.offer;
  const [onDemand, setOnDemand] = useState(decimal(offer.on_demand_per_gpu_hour));
  const [minBid, setMinBid] = useState(decimal(offer.min_bid_per_gpu_hour));
  const [storage, setStorage] = useState(decimal(offer.storage_per_gb_month));
  const [minGpus, setMinGpus] = useState(String(offer.min_gpus_per_pod ?? 1));
  const [until, setUntil] = useState(localInput(offer.available_until));
  const [saved, setSaved] = useState<string | null>(null);

  const refresh = (updated?: Host) => {
    if (updated) {
      queryClient.setQueryData(['hosts', 'one', host.id], updated);
    }
    void queryClient.invalidateQueries({ queryKey: ['hosts', 'one', host.id] });
    void queryClient.invalidateQueries({ queryKey: ['hosts', 'list'] });
  };
  const put = useMutation({
    mutationFn: (request: OfferRequest) => api.putOffer(host.id, request),
    onSuccess: (updated) => {
      setSaved('Listed: renters see the new prices now.');
      refresh(updated);
    },
  });
  const unlist = useMutation({
    mutationFn: () => api.unlist(host.id),
    onSuccess: () => {
      setSaved('Unlisted: the machine is off the market; pods already running go on.');
      refresh();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    unlist.reset();
    put.mutate({
      on_demand_per_gpu_hour: onDemand.trim(),
      min_bid_per_gpu_hour: minBid.trim(),
      storage_per_gb_month: storage.trim(),
      min_gpus_per_pod: Number(minGpus),
      ...(until && { available_until: new Date(until).toISOString() }),
    });
  };
  const takeOff = () => {
    setSaved(null);
    put.reset();
    unlist.mutate();
  };
  const error = put.error ?? unlist.error;

  return (
    <form onSubmit={submit} aria-label="offer">
      <label>
        On-demand price per GPU-hour ($){' '}
        <input inputMode="decimal" value={onDemand} onChange={(e) => setOnDemand(e.target.value)} size={8} />
      </label>
      {suggestion && (
        <button type="button" onClick={() => setOnDemand(decimal(suggestion))}>
          Use suggested {dollars(suggestion)}
        </button>
      )}
      <label>
        Minimum bid per GPU-hour ($){' '}
        <input inputMode="decimal" value={minBid} onChange={(e) => setMinBid(e.target.value)} size={8} />
      </label>
      <label>
        Storage per GB-month ($){' '}
        <input inputMode="decimal" value={storage} onChange={(e) => setStorage(e.target.value)} size={8} />
      </label>
      <label>
        Minimum GPUs per pod{' '}
        <input
          type="number"
          min={1}
          max={Math.max(1, host.gpus.length)}
          value={minGpus}
          onChange={(e) => setMinGpus(e.target.value)}
          size={3}
        />
      </label>
      <label>
        Available until (optional) <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <button type="submit" disabled={put.isPending}>
        {offer.listed ? 'Update offer' : 'List machine'}
      </button>
      {offer.listed && (
        <button type="button" disabled={unlist.isPending} onClick={takeOff}>
          Unlist
        </button>
      )}
      {error && <p role="alert">{error.message}</p>}
      {saved && !error && <p role="status">{saved}</p>}
    </form>
  );
}
