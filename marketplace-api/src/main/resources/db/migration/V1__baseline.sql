-- Baseline schema. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- Operator-tunable marketplace settings, read at start and shown on the admin API.
CREATE TABLE platform_settings (
    name        VARCHAR(100)  PRIMARY KEY,
    setting_value VARCHAR(1000) NOT NULL, -- "value" is a reserved word in H2
    description VARCHAR(500)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO platform_settings (name, setting_value, description, updated_at) VALUES
    ('platform_fee_bps', '1000', 'Platform fee on every charge, in basis points (1000 = 10 %)', CURRENT_TIMESTAMP),
    ('heartbeat_interval_millis', '10000', 'How often agents send a heartbeat', CURRENT_TIMESTAMP),
    ('offline_grace_millis', '45000', 'Silence after which a host is marked OFFLINE', CURRENT_TIMESTAMP);
