import { costPerHour, explainCost, type CostInputs } from './cost';
import { formatMicros } from './money';

/**
 * The cost per hour before confirming. On demand: the host's price. Interruptible: the bid is the most the
 * pod pays per GPU-hour; it actually pays the host's clearing price, which is never below the minimum bid.
 */
export function DeployCost({
  gpus,
  diskGb,
  pricePerGpuHourMicros,
  storagePerGbMonthMicros,
  interruptible,
  minBidMicros,
  bidMicros,
}: {
  gpus: number | null;
  diskGb: number | null;
  pricePerGpuHourMicros: number;
  storagePerGbMonthMicros: number;
  interruptible: boolean;
  minBidMicros: number;
  bidMicros: number | null;
}) {
  if (gpus === null || gpus < 1 || diskGb === null) {
    return <p aria-live="polite">Cost: enter GPUs and Disk (GB) to see the price per hour.</p>;
  }
  const inputs = (price: number): CostInputs => ({
    pricePerGpuHourMicros: price,
    gpus,
    storagePerGbMonthMicros,
    diskGb,
  });
  if (!interruptible) {
    const cost = costPerHour(inputs(pricePerGpuHourMicros));
    return (
      <div aria-live="polite" data-testid="deploy-cost">
        <p>
          <strong>Cost: {formatMicros(cost.totalMicros)} per hour</strong> while RUNNING (billed per second).
        </p>
        <p>How: {explainCost(inputs(pricePerGpuHourMicros), cost)}.</p>
      </div>
    );
  }
  if (bidMicros === null) {
    return <p aria-live="polite">Cost: enter a bid per GPU-hour to see the price per hour.</p>;
  }
  const most = costPerHour(inputs(bidMicros));
  const least = costPerHour(inputs(Math.min(minBidMicros, bidMicros)));
  return (
    <div aria-live="polite" data-testid="deploy-cost">
      <p>
        <strong>Cost: at most {formatMicros(most.totalMicros)} per hour</strong> (your bid), at least{' '}
        {formatMicros(least.totalMicros)} per hour (the host&apos;s minimum bid), while RUNNING.
      </p>
      <p>How: {explainCost(inputs(bidMicros), most)}.</p>
    </div>
  );
}
