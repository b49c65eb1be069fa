import { formatMicros, type Money } from './money';

/**
 * What a bidder can know before bidding. The API publishes the host's minimum bid (on the offer) and, per GPU
 * model, the highest bid of an interruptible pod holding GPUs now (`GET /v1/gpu-types`); it does not publish the
 * bids waiting for one host, so the host's clearing price is shown as "from the minimum bid".
 */
export function BidAdvice({
  gpuName,
  minBid,
  winningBidForModel,
  bidMicros,
}: {
  gpuName: string;
  minBid: Money;
  winningBidForModel: Money | undefined;
  bidMicros: number | null;
}) {
  return (
    <div id="bid-advice" aria-live="polite">
      <p>
        Current clearing price on this host: from {formatMicros(minBid.micros)} per GPU-hour (the host&apos;s minimum
        bid; higher while other bids wait for this host). A running interruptible pod pays the clearing price, never
        more than its own bid.
      </p>
      <p>
        Minimum bid to win: {formatMicros(minBid.micros)} per GPU-hour for free GPUs. GPUs held by other
        interruptible pods go to the higher bid:{' '}
        {winningBidForModel
          ? `the highest bid holding ${gpuName} GPUs in the market now is ${formatMicros(winningBidForModel.micros)}.`
          : `no interruptible pod holds ${gpuName} GPUs in the market now.`}
      </p>
      {bidMicros !== null && bidMicros < minBid.micros && (
        <p role="status">
          Your bid is below the host&apos;s minimum bid: the pod will wait PENDING until the minimum falls to it.
        </p>
      )}
    </div>
  );
}
