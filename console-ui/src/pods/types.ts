import type { Money } from './money';

/** One offer as `GET /v1/offers/{id}` answers it under `offer` (the fields the console uses). */
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
  region: string;
  tier: string;
  verification: string;
  simulated: boolean;
  host: { free_disk_gb: number };
}

export interface OfferDetail {
  offer: Offer;
  simulated: boolean;
}

/** `GET /v1/gpu-types`: one GPU model across the market. */
export interface GpuType {
  gpu_model: string;
  gpu_name: string;
  winning_bid_per_gpu_hour?: Money;
}

export type PodType = 'ON_DEMAND' | 'INTERRUPTIBLE';

export type PodState =
  | 'PENDING'
  | 'SCHEDULED'
  | 'STARTING'
  | 'RUNNING'
  | 'STOPPING'
  | 'STOPPED'
  | 'EXITED'
  | 'FAILED'
  | 'PREEMPTED'
  | 'LOST'
  | 'TERMINATED';

export interface PodEvent {
  seq: number;
  from?: PodState;
  to: PodState;
  reason: string;
  at: string;
}

/** A pod; `current_price_per_hour`, `cost_so_far` and `events` come only with `GET /v1/pods/{id}`. */
export interface Pod {
  id: string;
  name: string;
  image: string;
  type: PodType;
  state: PodState;
  host_id?: string;
  gpu_count: number;
  disk_gb: number;
  ports?: string[];
  bid_per_gpu_hour?: Money;
  price_per_hour: Money;
  current_price_per_hour?: Money;
  cost_so_far?: Money;
  running_since?: string;
  created_at: string;
  updated_at: string;
  events?: PodEvent[];
}

export interface PodPage {
  items: Pod[];
  next_cursor?: string;
}

/** The body of `POST /v1/pods` as the Deploy form sends it. */
export interface PodRequest {
  name: string;
  image: string;
  gpu_count: number;
  offer_id: string;
  disk_gb: number;
  env: Record<string, string>;
  ports: string[];
  type: PodType;
  bid_per_gpu_hour?: string;
}
