import { costPerHour, explainCost, storagePerHourMicros } from './cost';
import { formatMicros, parseDollars } from './money';

describe('the cost per hour shown before deploying', () => {
  it('is GPUs × price plus the disk priced per GB-month over 730 hours, as the marketplace priced a real pod', () => {
    // A pod the embedded marketplace placed: 1 × $0.19/GPU-h, 50 GB at $0.17/GB-month → price_per_hour 0.201644.
    const cost = costPerHour({ pricePerGpuHourMicros: 190_000, gpus: 1, storagePerGbMonthMicros: 170_000, diskGb: 50 });
    expect(cost).toEqual({ gpuMicros: 190_000, storageMicros: 11_644, totalMicros: 201_644 });
  });

  it('rounds the storage up once for the whole disk, never per GB', () => {
    // 20 GB × $0.17 = $3.40 per month ÷ 730 = 4657.53… micros → 4658; per GB it would be 20 × 233 = 4660.
    expect(storagePerHourMicros(170_000, 20)).toBe(4_658);
    // An exact division is not rounded.
    expect(storagePerHourMicros(730_000, 10)).toBe(10_000);
  });

  it('charges nothing for storage without a disk or a storage price', () => {
    expect(storagePerHourMicros(170_000, 0)).toBe(0);
    expect(costPerHour({ pricePerGpuHourMicros: 400_000, gpus: 2, storagePerGbMonthMicros: 0, diskGb: 100 }).totalMicros).toBe(800_000);
  });

  it('stays exact where price × GB passes 2^53', () => {
    // $1000 per GB-month × 1,000,000 GB = 1e15 micros… × 10 to pass 2^53 ≈ 9.007e15.
    const micros = storagePerHourMicros(10_000_000_000, 1_000_000);
    expect(micros).toBe(Number((10_000_000_000n * 1_000_000n + 729n) / 730n));
  });

  it('says how it was worked out', () => {
    const inputs = { pricePerGpuHourMicros: 190_000, gpus: 2, storagePerGbMonthMicros: 170_000, diskGb: 50 };
    expect(explainCost(inputs, costPerHour(inputs))).toBe(
      '2 GPUs × $0.190000 = $0.380000, plus storage 50 GB × $0.170000 per GB-month ÷ 730 h ' +
        '(rounded up to a whole micro-dollar) = $0.011644',
    );
  });
});

describe('money typed and shown', () => {
  it('reads decimal dollars without a float', () => {
    expect(parseDollars('0.45')).toBe(450_000);
    expect(parseDollars('$1.2')).toBe(1_200_000);
    expect(parseDollars('3')).toBe(3_000_000);
    expect(parseDollars('0.1234567')).toBeNull();
    expect(parseDollars('abc')).toBeNull();
    expect(parseDollars('')).toBeNull();
  });

  it('shows six decimals, as the API writes dollars', () => {
    expect(formatMicros(201_644)).toBe('$0.201644');
    expect(formatMicros(25_000_000)).toBe('$25.000000');
    expect(formatMicros(-800_000)).toBe('-$0.800000');
  });
});
