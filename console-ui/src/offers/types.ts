/** Money as the marketplace writes it: never a float, always these two forms of the same amount. */
export interface Money {
  dollars: string;
  micros: number;
}

/** Value per dollar-hour; left out for a free offer (unbounded). */
export interface OfferValue {
  score_per_dollar_hour?: number;
  tflops_per_dollar_hour?: number;
  mem_bw_gbps_per_dollar_hour?: number;
  vram_gb_per_dollar_hour?: number;
}

/** One offer of `GET /v1/offers` (marketplace-api OfferViews.OfferView). */
export interface Offer {
  id: string;
  host_id: string;
  gpu_model: string;
  gpu_name: string;
  num_gpus: number;
  vram_gb_per_gpu: number;
  price_per_gpu_hour: Money;
  price_per_hour: Money;
  min_bid_per_gpu_hour: Money;
  storage_per_gb_month: Money;
  score_per_gpu: number;
  total_score: number;
  value: OfferValue;
  reliability: number;
  uptime_30d: number;
  verified: boolean;
  verification: string;
  tier: string;
  region: string;
  datacenter?: string;
  geolocation: string;
  simulated: boolean;
  host?: Record<string, unknown>;
}

export interface OfferPage {
  query: string;
  total_matched: number;
  total_matched_exact: boolean;
  items: Offer[];
}

/** One GPU model across the market (`GET /v1/gpu-types`). */
export interface GpuType {
  gpu_model: string;
  gpu_name: string;
  listed_offers: number;
  available_gpus: number;
}

export interface GpuTypeList {
  items: GpuType[];
}

/** One term of the Assay Score: (measured ÷ reference) ^ weight. */
export interface ScoreTerm {
  figure: string;
  unit: string;
  measured: number;
  reference: number;
  weight: number;
  ratio: number;
  factor: number;
}

export interface ScoreExplanation {
  formula: string;
  score: number;
  terms: ScoreTerm[];
}

export interface HostGpu {
  index: number;
  sku_id: string;
  model: string;
  vram_gb: number;
  compute_capability: string;
  score: number;
  tflops_bf16: number;
  tflops_fp32: number;
  mem_bw_gbps: number;
  pcie_bw_gbps: number;
}

export interface Health {
  status: string;
  last_seen_at?: string;
  reliability: number;
  reliability_mean: number;
  uptime_1d: number;
  uptime_7d: number;
  uptime_30d: number;
  host_failures_30d: number;
}

export interface BenchmarkVerdict {
  gpu_index: number;
  verdict: string;
  findings: string[];
  tflops_bf16: number;
  tflops_fp32: number;
  mem_bw_gbps: number;
  pcie_bw_gbps: number;
  simulated: boolean;
  reported_at: string;
}

/** `GET /v1/offers/{id}` (OfferViews.OfferDetailView). */
export interface OfferDetail {
  offer: Offer;
  score_explanation: ScoreExplanation;
  gpus: HostGpu[];
  health: Health;
  /** Left out when the host has no report yet. */
  latest_benchmarks?: BenchmarkVerdict[];
  simulated: boolean;
  /** The GPU model: what its datasheet promises and what a healthy one measures. */
  sku?: Sku;
}

/** The score's four figures of a GPU model (a datasheet has no host-to-device figure). */
export interface SkuFigures {
  tensor_tflops: number;
  memory_bandwidth_gbps: number;
  fp32_tflops: number;
  host_to_device_gbps?: number;
}

export interface Sku {
  id: string;
  name: string;
  datasheet: SkuFigures;
  baseline: SkuFigures;
  baseline_basis: string;
}
