import type { Health as OfferHealth } from '../offers/types';

/**
 * The JSON of `/v1/hosts` as the marketplace writes it (docs/api-hosts-offers.md). Absent values are left out of
 * answers (empty lists are written); hostsApi still defaults every list, so they are typed as always there.
 */

/** Money is never a float on the wire: a decimal string and whole micro-dollars. */
export interface Money {
  dollars: string;
  micros: number;
}

export type Tier = 'COMMUNITY' | 'SECURE';

export interface CreateTokenRequest {
  name?: string;
  tier?: Tier;
  region?: string;
  geolocation?: string;
  expires_in_hours?: number;
}

/** `POST /v1/hosts/enrollment-tokens`: the only answer that carries the token itself. */
export interface CreatedToken {
  id: string;
  token: string;
  created_at: string;
  expires_at: string;
}

export interface ListedToken {
  id: string;
  state: 'active' | 'used' | 'expired';
  created_at: string;
  expires_at: string;
  used_at?: string;
  host_id?: string;
}

export interface Machine {
  tier: string;
  region: string;
  datacenter?: string;
  geolocation: string;
  cpu_cores: number;
  ram_gb: number;
  disk_gb: number;
  driver_version: string;
  cuda_version: string;
}

export interface HostGpu {
  index: number;
  sku_id: string;
  model: string;
  vram_gb: number;
  score: number;
  tflops_bf16: number;
  tflops_fp32: number;
  mem_bw_gbps: number;
  pcie_bw_gbps: number;
}

/** A host's health, as offers show it too. */
export type Health = OfferHealth;

export interface BenchmarkVerdict {
  gpu_index: number;
  verdict: string;
  findings: string[];
  simulated: boolean;
  reported_at: string;
}

export interface Listing {
  listed: boolean;
  on_demand_per_gpu_hour?: Money;
  min_bid_per_gpu_hour?: Money;
  storage_per_gb_month?: Money;
  min_gpus_per_pod?: number;
  available_until?: string;
}

export interface GpuReading {
  index: number;
  utilization_gpu_percent: number;
  memory_used_mib: number;
  temperature_celsius: number;
  power_draw_watts: number;
  sm_clock_mhz: number;
}

/** Present while the machine's agent is connected: its latest heartbeat's readings. */
export interface AgentLink {
  connected: boolean;
  agent_version?: string;
  connected_at?: string;
  last_heard_at?: string;
  gpus: GpuReading[];
}

export interface Host {
  id: string;
  name: string;
  status: string;
  simulated: boolean;
  verification: string;
  machine: Machine;
  gpus: HostGpu[];
  health: Health;
  latest_benchmarks: BenchmarkVerdict[];
  offer: Listing;
  created_at: string;
  agent?: AgentLink;
}

export interface HostPage {
  items: Host[];
  next_cursor?: string;
}

/** `PUT /v1/hosts/{id}/offer`: dollars as decimal strings; `available_until` absent = until unlisted. */
export interface OfferRequest {
  on_demand_per_gpu_hour: string;
  min_bid_per_gpu_hour: string;
  storage_per_gb_month: string;
  min_gpus_per_pod: number;
  available_until?: string;
}

export interface PodEarnings {
  pod_id: string;
  amount: Money;
  first_period_from: string;
  last_period_to: string;
  transfers: number;
}

export interface Earnings {
  host_id: string;
  from?: string;
  to?: string;
  total: Money;
  pods: number;
  recent_pods: PodEarnings[];
  simulated: boolean;
}

export interface PriceReason {
  kind: string;
  explanation: string;
}

export interface PriceAdvice {
  host_id: string;
  gpu_model: string;
  target_utilisation: number;
  suggested_per_gpu_hour?: Money;
  reasons: PriceReason[];
  simulated: boolean;
}
