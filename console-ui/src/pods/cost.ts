import { formatMicros } from './money';

/**
 * Hours in the "month" of a per-GB-month storage price: 365 × 24 ÷ 12, as the marketplace's
 * `pricing.AllInPrice.HOURS_PER_MONTH`.
 */
export const HOURS_PER_MONTH = 730;

/** What a pod asks for and what the host charges, in micro-dollars. */
export interface CostInputs {
  pricePerGpuHourMicros: number;
  gpus: number;
  storagePerGbMonthMicros: number;
  diskGb: number;
}

export interface CostPerHour {
  gpuMicros: number;
  storageMicros: number;
  totalMicros: number;
}

/**
 * The hourly price of `diskGb` of storage: ceil(price per GB-month × GB ÷ 730) micro-dollars. The rounding is
 * up, once for the whole disk, exactly as the marketplace's `AllInPrice.storagePerHour`, so the figure shown
 * before deploying is never below what metering charges.
 */
export function storagePerHourMicros(storagePerGbMonthMicros: number, diskGb: number): number {
  if (diskGb <= 0 || storagePerGbMonthMicros <= 0) {
    return 0;
  }
  // BigInt: price × GB can pass 2^53 for large disks; the ceiling must stay exact.
  const product = BigInt(storagePerGbMonthMicros) * BigInt(diskGb);
  const hours = BigInt(HOURS_PER_MONTH);
  return Number((product + hours - 1n) / hours);
}

/** GPUs × price per GPU-hour + the disk's storage per hour (the marketplace's all-in price per hour). */
export function costPerHour(inputs: CostInputs): CostPerHour {
  const gpuMicros = inputs.pricePerGpuHourMicros * Math.max(0, inputs.gpus);
  const storageMicros = storagePerHourMicros(inputs.storagePerGbMonthMicros, inputs.diskGb);
  return { gpuMicros, storageMicros, totalMicros: gpuMicros + storageMicros };
}

/** The sum in words, so a renter can redo it: "2 GPUs × $0.190000 + 50 GB × $0.170000 per GB-month ÷ 730 h". */
export function explainCost(inputs: CostInputs, cost: CostPerHour): string {
  const gpus = `${inputs.gpus} GPU${inputs.gpus === 1 ? '' : 's'} × ${formatMicros(inputs.pricePerGpuHourMicros)} = ${formatMicros(cost.gpuMicros)}`;
  const storage =
    `${inputs.diskGb} GB × ${formatMicros(inputs.storagePerGbMonthMicros)} per GB-month ÷ ${HOURS_PER_MONTH} h ` +
    `(rounded up to a whole micro-dollar) = ${formatMicros(cost.storageMicros)}`;
  return `${gpus}, plus storage ${storage}`;
}
