-- Idempotency-Key records (dev.assay.api.idempotency). One row per (caller scope, key): claimed IN_FLIGHT
-- while the first request runs, then COMPLETED with the response to replay. Rows expire 24 h after creation.
CREATE TABLE idempotency_records (
    caller_scope          VARCHAR(80)   NOT NULL,
    idem_key              VARCHAR(255)  NOT NULL,
    request_hash          VARCHAR(64)   NOT NULL,
    record_state          VARCHAR(16)   NOT NULL,
    lock_token            VARCHAR(36)   NOT NULL,
    locked_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    response_status       INTEGER,
    response_content_type VARCHAR(255),
    response_location     VARCHAR(2048),
    response_body         BYTEA,
    CONSTRAINT idempotency_records_pk PRIMARY KEY (caller_scope, idem_key),
    CONSTRAINT idempotency_records_state CHECK (record_state IN ('IN_FLIGHT', 'COMPLETED'))
);

CREATE INDEX idempotency_records_expires_at ON idempotency_records (expires_at);
