-- Issue [4]: machines that join through an agent.
--
-- Where a machine stands is said by its owner when they create the enrollment token (the agent cannot be
-- trusted to say it); the machine's row is written from the token's placement, the agent's Hello and its first
-- plausible benchmark report. assigned_host_id is the id the machine got when the token was spent (its
-- certificate's CN); host_id is set once that machine's row exists.
ALTER TABLE enrollment_tokens ADD COLUMN host_name VARCHAR(100);
ALTER TABLE enrollment_tokens ADD COLUMN tier VARCHAR(16) NOT NULL DEFAULT 'COMMUNITY';
ALTER TABLE enrollment_tokens ADD COLUMN region VARCHAR(64) NOT NULL DEFAULT 'unknown';
ALTER TABLE enrollment_tokens ADD COLUMN datacenter VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE enrollment_tokens ADD COLUMN geolocation VARCHAR(2) NOT NULL DEFAULT 'ZZ';
ALTER TABLE enrollment_tokens ADD COLUMN assigned_host_id VARCHAR(40);
CREATE INDEX ix_enrollment_tokens_assigned ON enrollment_tokens (assigned_host_id);

-- The reliability model's evidence: when an agent's host was ONLINE (heartbeats on time) or OFFLINE (missed
-- past the grace period). One open interval (ended_at NULL) per host.
CREATE TABLE host_presence (
    host_id      VARCHAR(40)  NOT NULL REFERENCES hosts (id),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE,
    availability VARCHAR(12)  NOT NULL,
    PRIMARY KEY (host_id, started_at),
    CONSTRAINT ck_host_presence_availability CHECK (availability IN ('ONLINE', 'OFFLINE', 'MAINTENANCE'))
);

-- Host-caused pod failures (a pod FAILED because of the host, or lost with its host): the other evidence.
CREATE TABLE host_failures (
    id          VARCHAR(40)  PRIMARY KEY,
    host_id     VARCHAR(40)  NOT NULL REFERENCES hosts (id),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(200) NOT NULL
);
CREATE INDEX ix_host_failures_host ON host_failures (host_id, occurred_at);
