-- Accounts: organisations, users, memberships (user × organisation × role) and API keys.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode. Ids are prefixed random strings (org_…).

CREATE TABLE organisations (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A person, known by e-mail (stored lower-case). A user belongs to organisations through memberships.
CREATE TABLE users (
    id          VARCHAR(40)  PRIMARY KEY,
    email       VARCHAR(254) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE memberships (
    id          VARCHAR(40) PRIMARY KEY,
    org_id      VARCHAR(40) NOT NULL REFERENCES organisations (id),
    user_id     VARCHAR(40) NOT NULL REFERENCES users (id),
    member_role VARCHAR(16) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_memberships_org_user UNIQUE (org_id, user_id),
    CONSTRAINT ck_memberships_role CHECK (member_role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER'))
);

-- The secret of a key is never stored: only its SHA-256 (hex). The key is shown once, at creation.
CREATE TABLE api_keys (
    id                 VARCHAR(40)  PRIMARY KEY,
    org_id             VARCHAR(40)  NOT NULL REFERENCES organisations (id),
    created_by_user_id VARCHAR(40)  NOT NULL REFERENCES users (id),
    name               VARCHAR(100) NOT NULL,
    key_role           VARCHAR(16)  NOT NULL,
    scopes             VARCHAR(100) NOT NULL, -- comma-separated scope names, e.g. 'READ,PODS'
    display_prefix     VARCHAR(100) NOT NULL,
    secret_sha256      VARCHAR(64)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at         TIMESTAMP WITH TIME ZONE,
    last_used_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_api_keys_role CHECK (key_role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    CONSTRAINT ck_api_keys_sha256 CHECK (CHAR_LENGTH(secret_sha256) = 64)
);

CREATE INDEX ix_api_keys_org ON api_keys (org_id, created_at);
CREATE INDEX ix_memberships_user ON memberships (user_id);
