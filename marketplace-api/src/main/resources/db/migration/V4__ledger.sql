-- Billing ledger (dev.assay.api.billing): double-entry accounts and immutable transfers. See docs/billing.md.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode. Money is BIGINT micro-dollars.

-- A balance is credits minus debits; the balances of all accounts sum to zero. Organisation accounts have
-- the ids 'renter:<org id>' and 'host:<org id>'; the platform's two are seeded below.
CREATE TABLE ledger_accounts (
    id             VARCHAR(80) PRIMARY KEY,
    account_kind   VARCHAR(24) NOT NULL,
    owner_org_id   VARCHAR(64),
    balance_micros BIGINT      NOT NULL DEFAULT 0,
    version        BIGINT      NOT NULL DEFAULT 0,  -- optimistic check on every balance update
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_ledger_accounts_kind
        CHECK (account_kind IN ('RENTER_BALANCE', 'HOST_PAYABLE', 'PLATFORM_REVENUE', 'OPERATOR_FUNDING')),
    CONSTRAINT ck_ledger_accounts_owner
        CHECK ((account_kind IN ('RENTER_BALANCE', 'HOST_PAYABLE') AND owner_org_id IS NOT NULL)
            OR (account_kind IN ('PLATFORM_REVENUE', 'OPERATOR_FUNDING') AND owner_org_id IS NULL)),
    -- Guarantee 5 held by the database too: a renter balance never goes below zero.
    CONSTRAINT ck_ledger_accounts_renter_not_negative
        CHECK (account_kind <> 'RENTER_BALANCE' OR balance_micros >= 0),
    CONSTRAINT uq_ledger_accounts_kind_owner UNIQUE (account_kind, owner_org_id)
);

-- Transfers are inserted, never updated nor deleted. A metering transfer (USAGE, FEE) names its pod and
-- period [period_from, period_to); a credit or refund names the caller's reference.
CREATE TABLE ledger_transfers (
    id                VARCHAR(40)  PRIMARY KEY,
    transfer_kind     VARCHAR(16)  NOT NULL,
    debit_account_id  VARCHAR(80)  NOT NULL REFERENCES ledger_accounts (id),
    credit_account_id VARCHAR(80)  NOT NULL REFERENCES ledger_accounts (id),
    amount_micros     BIGINT       NOT NULL,
    pod_id            VARCHAR(64),
    period_from       TIMESTAMP WITH TIME ZONE,
    period_to         TIMESTAMP WITH TIME ZONE,
    reference         VARCHAR(100),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_ledger_transfers_kind CHECK (transfer_kind IN ('CREDIT', 'USAGE', 'FEE', 'REFUND')),
    -- Guarantee 1: one positive amount, from one account to another.
    CONSTRAINT ck_ledger_transfers_amount CHECK (amount_micros > 0),
    CONSTRAINT ck_ledger_transfers_accounts CHECK (debit_account_id <> credit_account_id),
    CONSTRAINT ck_ledger_transfers_shape
        CHECK ((transfer_kind IN ('USAGE', 'FEE') AND pod_id IS NOT NULL AND period_from IS NOT NULL
                    AND period_to IS NOT NULL AND period_from < period_to AND reference IS NULL)
            OR (transfer_kind IN ('CREDIT', 'REFUND') AND reference IS NOT NULL AND pod_id IS NULL
                    AND period_from IS NULL AND period_to IS NULL)),
    -- Guarantee 3, even against a racing instance: one usage and one fee per (pod, period start), one credit
    -- per reference. (NULLs are distinct, so rows of the other kinds are not constrained by the other key.)
    CONSTRAINT uq_ledger_transfers_period UNIQUE (transfer_kind, pod_id, period_from),
    CONSTRAINT uq_ledger_transfers_reference UNIQUE (transfer_kind, reference)
);

CREATE INDEX ix_ledger_transfers_debit ON ledger_transfers (debit_account_id, created_at);
CREATE INDEX ix_ledger_transfers_credit ON ledger_transfers (credit_account_id, created_at);
CREATE INDEX ix_ledger_transfers_pod ON ledger_transfers (pod_id, period_from);

INSERT INTO ledger_accounts (id, account_kind, owner_org_id, balance_micros, version, created_at) VALUES
    ('platform:revenue', 'PLATFORM_REVENUE', NULL, 0, 0, CURRENT_TIMESTAMP),
    ('operator:funding', 'OPERATOR_FUNDING', NULL, 0, 0, CURRENT_TIMESTAMP);
