-- The market: hosts with their GPUs, measurements and offer; enrollment tokens; pods, their events and
-- interruptible bids. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode. Money is BIGINT
-- micro-dollars. See docs/marketplace-api.md ("Market tables") for how capacity is derived.

-- A machine enrolled by a host organisation. Every GPU of a host is the same SKU (host_gpus).
-- Free capacity is not stored: it is the totals here minus what the host's pods hold (pods). Every commit
-- that changes what a host's pods hold bumps capacity_version with
--   UPDATE hosts SET capacity_version = capacity_version + 1 WHERE id = ? AND capacity_version = ?
-- in the same transaction, so two placements planned on the same snapshot cannot both commit.
CREATE TABLE hosts (
    id                VARCHAR(40)  PRIMARY KEY,
    org_id            VARCHAR(40)  NOT NULL REFERENCES organisations (id),
    name              VARCHAR(100) NOT NULL,
    tier              VARCHAR(16)  NOT NULL,
    region            VARCHAR(64)  NOT NULL,
    datacenter        VARCHAR(64)  NOT NULL DEFAULT '',
    geolocation       VARCHAR(2)   NOT NULL,              -- ISO 3166 alpha-2, upper case
    verification      VARCHAR(16)  NOT NULL DEFAULT 'UNVERIFIED',
    status            VARCHAR(16)  NOT NULL DEFAULT 'ONLINE',
    reliability       DOUBLE PRECISION NOT NULL DEFAULT 0, -- conservative lower bound used for ranking
    reliability_mean  DOUBLE PRECISION NOT NULL DEFAULT 0,
    uptime_1d         DOUBLE PRECISION NOT NULL DEFAULT 0,
    uptime_7d         DOUBLE PRECISION NOT NULL DEFAULT 0,
    uptime_30d        DOUBLE PRECISION NOT NULL DEFAULT 0,
    host_failures_30d INTEGER      NOT NULL DEFAULT 0,
    cpu_cores         INTEGER      NOT NULL,
    ram_gb            BIGINT       NOT NULL,
    disk_gb           BIGINT       NOT NULL,
    disk_bw_mbps      DOUBLE PRECISION NOT NULL DEFAULT 0,
    inet_up_mbps      DOUBLE PRECISION NOT NULL DEFAULT 0,
    inet_down_mbps    DOUBLE PRECISION NOT NULL DEFAULT 0,
    driver_version    VARCHAR(32)  NOT NULL,
    cuda_version      VARCHAR(16)  NOT NULL,
    simulated         BOOLEAN      NOT NULL DEFAULT FALSE, -- SIMULATED figures: demo and test hosts only
    -- The owner's offer; listed = FALSE until PUT /v1/hosts/{id}/offer.
    listed            BOOLEAN      NOT NULL DEFAULT FALSE,
    on_demand_micros  BIGINT,       -- per GPU-hour
    min_bid_micros    BIGINT,       -- per GPU-hour
    storage_micros    BIGINT,       -- per GB-month
    min_gpus_per_pod  INTEGER,
    available_until   TIMESTAMP WITH TIME ZONE,
    capacity_version  BIGINT       NOT NULL DEFAULT 0,
    last_seen_at      TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_hosts_tier CHECK (tier IN ('COMMUNITY', 'SECURE')),
    CONSTRAINT ck_hosts_verification CHECK (verification IN ('VERIFIED', 'UNVERIFIED', 'DEVERIFIED')),
    CONSTRAINT ck_hosts_status CHECK (status IN ('ONLINE', 'OFFLINE', 'RETIRED')),
    CONSTRAINT ck_hosts_fractions CHECK (reliability BETWEEN 0 AND 1 AND reliability_mean BETWEEN 0 AND 1
        AND uptime_1d BETWEEN 0 AND 1 AND uptime_7d BETWEEN 0 AND 1 AND uptime_30d BETWEEN 0 AND 1),
    CONSTRAINT ck_hosts_totals CHECK (cpu_cores >= 1 AND ram_gb >= 1 AND disk_gb >= 0),
    CONSTRAINT ck_hosts_offer CHECK (listed = FALSE OR (on_demand_micros >= 0 AND min_bid_micros >= 0
        AND storage_micros >= 0 AND min_gpus_per_pod >= 1))
);
CREATE INDEX ix_hosts_org ON hosts (org_id);

-- One GPU of a host, with the figures the score was computed from (measured, or SIMULATED on a simulated host).
CREATE TABLE host_gpus (
    host_id            VARCHAR(40)  NOT NULL REFERENCES hosts (id),
    gpu_index          INTEGER      NOT NULL,
    sku_id             VARCHAR(40)  NOT NULL,          -- reputation catalogue id, e.g. RTX_4090
    model              VARCHAR(80)  NOT NULL,          -- display name, e.g. RTX 4090
    uuid               VARCHAR(80),                    -- NVML UUID when an agent reported one
    vram_gb            DOUBLE PRECISION NOT NULL,
    tflops_bf16        DOUBLE PRECISION NOT NULL,
    tflops_fp32        DOUBLE PRECISION NOT NULL,
    mem_bw_gbps        DOUBLE PRECISION NOT NULL,
    pcie_bw_gbps       DOUBLE PRECISION NOT NULL,
    score              DOUBLE PRECISION NOT NULL,
    compute_capability VARCHAR(8)   NOT NULL,
    PRIMARY KEY (host_id, gpu_index),
    CONSTRAINT ck_host_gpus_index CHECK (gpu_index >= 0 AND gpu_index < 64)
);

-- A benchmark report as received (one per run per host), with the plausibility verdict it got.
CREATE TABLE benchmark_reports (
    id            VARCHAR(40)  PRIMARY KEY,
    host_id       VARCHAR(40)  NOT NULL REFERENCES hosts (id),
    gpu_index     INTEGER      NOT NULL,
    tflops_bf16   DOUBLE PRECISION NOT NULL,
    tflops_fp32   DOUBLE PRECISION NOT NULL,
    mem_bw_gbps   DOUBLE PRECISION NOT NULL,
    pcie_bw_gbps  DOUBLE PRECISION NOT NULL,
    verdict       VARCHAR(16)  NOT NULL,               -- PLAUSIBLE, DEGRADED, SUSPICIOUS, IMPOSSIBLE
    findings      VARCHAR(2000) NOT NULL DEFAULT '',
    simulated     BOOLEAN      NOT NULL DEFAULT FALSE,
    reported_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_benchmark_reports_host ON benchmark_reports (host_id, reported_at);

-- A one-use token an agent presents to enroll a machine for an organisation. Only a hash is stored.
CREATE TABLE enrollment_tokens (
    id             VARCHAR(40)  PRIMARY KEY,
    org_id         VARCHAR(40)  NOT NULL REFERENCES organisations (id),
    token_sha256   VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE,
    host_id        VARCHAR(40)  REFERENCES hosts (id),
    CONSTRAINT uq_enrollment_tokens_hash UNIQUE (token_sha256)
);

-- A renter's pod. host_id and gpu_indices are set once placed. What a pod holds on its host:
--   GPUs, CPU and RAM while SCHEDULED, STARTING, RUNNING or STOPPING;
--   its disk in every state but TERMINATED and FAILED (a STOPPED or PREEMPTED pod keeps its disk).
-- billed_until is the metering cursor: the ledger has charged [first RUNNING instant, billed_until).
CREATE TABLE pods (
    id                  VARCHAR(40)  PRIMARY KEY,
    org_id              VARCHAR(40)  NOT NULL REFERENCES organisations (id),
    name                VARCHAR(100) NOT NULL,
    image               VARCHAR(255) NOT NULL,
    pod_type            VARCHAR(16)  NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    host_id             VARCHAR(40)  REFERENCES hosts (id),
    gpu_count           INTEGER      NOT NULL,
    gpu_indices         VARCHAR(200) NOT NULL DEFAULT '',  -- ascending, comma-separated, empty when not holding
    cpu_cores           INTEGER      NOT NULL,
    ram_gb              BIGINT       NOT NULL,
    disk_gb             BIGINT       NOT NULL,
    env_json            VARCHAR(16000) NOT NULL DEFAULT '{}',
    ports               VARCHAR(400) NOT NULL DEFAULT '',     -- comma-separated, e.g. '22/tcp,8888/http'
    request_json        VARCHAR(4000) NOT NULL DEFAULT '{}',  -- the requirements it was placed by
    gpu_price_micros    BIGINT       NOT NULL DEFAULT 0,      -- on-demand price per GPU-hour at placement
    storage_micros      BIGINT       NOT NULL DEFAULT 0,      -- storage per GB-month at placement
    bid_micros          BIGINT,                               -- interruptible only: bid per GPU-hour
    running_since       TIMESTAMP WITH TIME ZONE,
    billed_until        TIMESTAMP WITH TIME ZONE,
    meter_remainder     BIGINT       NOT NULL DEFAULT 0,      -- pricing.MeterState carry (sub-micro-dollar)
    version             BIGINT       NOT NULL DEFAULT 0,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_pods_type CHECK (pod_type IN ('ON_DEMAND', 'INTERRUPTIBLE')),
    CONSTRAINT ck_pods_state CHECK (state IN ('PENDING', 'SCHEDULED', 'STARTING', 'RUNNING', 'STOPPING',
        'STOPPED', 'EXITED', 'FAILED', 'PREEMPTED', 'LOST', 'TERMINATED')),
    CONSTRAINT ck_pods_sizes CHECK (gpu_count >= 1 AND cpu_cores >= 0 AND ram_gb >= 0 AND disk_gb >= 0),
    CONSTRAINT ck_pods_bid CHECK ((pod_type = 'INTERRUPTIBLE') = (bid_micros IS NOT NULL) AND
        (bid_micros IS NULL OR bid_micros >= 0))
);
CREATE INDEX ix_pods_org ON pods (org_id, created_at);
CREATE INDEX ix_pods_host_state ON pods (host_id, state);
CREATE INDEX ix_pods_state ON pods (state);

-- Every transition of a pod, with its reason. Inserted, never updated.
CREATE TABLE pod_events (
    id          VARCHAR(40)  PRIMARY KEY,
    pod_id      VARCHAR(40)  NOT NULL REFERENCES pods (id),
    seq         INTEGER      NOT NULL,
    from_state  VARCHAR(16),
    to_state    VARCHAR(16)  NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_pod_events_seq UNIQUE (pod_id, seq)
);

-- Interruptible bids: one per interruptible pod, in its host's book. The book (matching-engine HostBidBook)
-- is rebuilt from these rows; sequence is the book's time priority.
CREATE TABLE bids (
    pod_id      VARCHAR(40)  PRIMARY KEY REFERENCES pods (id),
    host_id     VARCHAR(40)  NOT NULL REFERENCES hosts (id),
    org_id      VARCHAR(40)  NOT NULL REFERENCES organisations (id),
    gpus        INTEGER      NOT NULL,
    bid_micros  BIGINT       NOT NULL,
    sequence    BIGINT       NOT NULL,
    placed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_bids_values CHECK (gpus >= 1 AND bid_micros >= 0 AND sequence >= 0)
);
CREATE INDEX ix_bids_host ON bids (host_id);
