import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { decimal } from './format';
import type { ScoreTerm, Sku, SkuFigures } from './types';

/** The score's figures in words (ScoreFigure in the reputation module). */
export const FIGURE_NAMES: Record<string, string> = {
  tensor_tflops: 'Tensor (dense BF16)',
  memory_bandwidth_gbps: 'Memory bandwidth',
  fp32_tflops: 'FP32',
  host_to_device_gbps: 'Host-to-device',
};

export function figureName(figure: string): string {
  return FIGURE_NAMES[figure] ?? figure.replace(/_/g, ' ');
}

/** A figure of the SKU as a share of the reference GPU, in %; undefined where the SKU has none. */
function share(figures: SkuFigures | undefined, term: ScoreTerm): number | undefined {
  const value = figures?.[term.figure as keyof SkuFigures];
  return value === undefined || value === null ? undefined : Math.round((value / term.reference) * 1000) / 10;
}

/**
 * The offer's measured figures against its GPU model's baseline (what a healthy one measures) and datasheet peak,
 * and the reference GPU the score is normalised to (the A100 SXM4 80GB baseline, 100 %). Figures of different
 * units share one axis as a share of the reference; the table beside the chart gives them in their own units.
 */
export function FiguresChart({ terms, sku }: { terms: ScoreTerm[]; sku?: Sku }) {
  const data = terms.map((term) => ({
    figure: figureName(term.figure),
    measured: Math.round(term.ratio * 1000) / 10,
    baseline: share(sku?.baseline, term),
    datasheet: share(sku?.datasheet, term),
    reference: 100,
    label: `${decimal(term.measured)} ${term.unit} measured, reference ${decimal(term.reference)} ${term.unit}`,
  }));
  return (
    <BarChart responsive className="chart" style={{ aspectRatio: 2 }} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 30 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="figure" />
      <YAxis unit="%" label={{ value: '% of the reference GPU', angle: -90, position: 'left', style: { textAnchor: 'middle' } }} />
      <Tooltip formatter={(value, name) => [`${value}%`, name]} />
      <Legend verticalAlign="top" />
      <ReferenceLine y={100} stroke="#555" strokeDasharray="4 2" />
      <Bar dataKey="measured" name="Measured (this offer)" fill="#0b6bcb" isAnimationActive={false} />
      {sku && <Bar dataKey="baseline" name={`${sku.id} baseline (healthy)`} fill="#16a34a" isAnimationActive={false} />}
      {sku && <Bar dataKey="datasheet" name={`${sku.id} datasheet peak`} fill="#f59e0b" isAnimationActive={false} />}
      <Bar dataKey="reference" name="Reference GPU (score 100)" fill="#b8bdcc" isAnimationActive={false} />
    </BarChart>
  );
}
