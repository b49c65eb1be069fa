import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import { decimal, percent, perHour } from './format';
import type { Offer } from './types';

/** One offer as the chart places it: all-in dollars per hour across, the offer's total Assay Score up. */
export interface ValuePoint {
  id: string;
  price: number;
  score: number;
  offer: Offer;
}

export function toValuePoint(offer: Offer): ValuePoint {
  return { id: offer.id, price: Number(offer.price_per_hour.dollars), score: offer.total_score, offer };
}

function OfferTip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const point = active ? (payload?.[0]?.payload as ValuePoint | undefined) : undefined;
  if (!point) return null;
  const { offer } = point;
  return (
    <div className="chart-tip">
      <strong>
        {offer.gpu_name} × {offer.num_gpus}
      </strong>
      <div>
        Score {decimal(offer.total_score)} ({decimal(offer.score_per_gpu)} per GPU) at {perHour(offer.price_per_hour)}
      </div>
      <div>Value {offer.value?.score_per_dollar_hour === undefined ? 'free' : decimal(offer.value.score_per_dollar_hour, 0)} per $/h</div>
      <div>
        Reliability {percent(offer.reliability)} · {offer.region} · {offer.tier.toLowerCase()}
      </div>
      <div>
        {offer.verified ? 'VERIFIED' : offer.verification}
        {offer.simulated ? ' · SIMULATED' : ''}
      </div>
    </div>
  );
}

/**
 * Score against price: every offer as a dot, the Pareto frontier as a line through its offers. A click on a dot
 * opens the offer (keyboard users have the frontier list beside the chart).
 */
export function ValueChart({
  others,
  frontier,
  onOpen,
}: {
  others: ValuePoint[];
  frontier: ValuePoint[];
  onOpen: (offerId: string) => void;
}) {
  const open = (item: { payload?: unknown }) => {
    const point = item.payload as ValuePoint | undefined;
    if (point) onOpen(point.id);
  };
  return (
    <ScatterChart responsive className="chart" style={{ aspectRatio: 1.6 }} margin={{ top: 10, right: 20, bottom: 30, left: 30 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        type="number"
        dataKey="price"
        name="All-in price"
        tickFormatter={(dollars: number) => `$${dollars}`}
        label={{ value: 'all-in price per hour ($)', position: 'bottom', offset: 10 }}
      />
      <YAxis type="number" dataKey="score" name="Assay Score" label={{ value: 'Assay Score (all GPUs)', angle: -90, position: 'left', style: { textAnchor: 'middle' } }} />
      <Tooltip content={OfferTip} cursor={{ strokeDasharray: '3 3' }} />
      <Legend verticalAlign="top" />
      <Scatter name="Other offers" data={others} fill="#8a8fa3" cursor="pointer" onClick={open} isAnimationActive={false} />
      <Scatter
        name="Pareto frontier"
        data={frontier}
        fill="#0b6bcb"
        line={{ stroke: '#0b6bcb', strokeWidth: 2 }}
        cursor="pointer"
        onClick={open}
        isAnimationActive={false}
      />
    </ScatterChart>
  );
}
