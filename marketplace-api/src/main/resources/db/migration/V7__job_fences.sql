-- Issue [5]: one leader per periodic job, fenced. A job's leader writes with the fencing token of its lease
-- (strictly increasing per job, see dev.assay.api.live.lease); each of its transactions first moves the job's
-- token up to its own, and is refused if a higher one is already there: a newer leader exists, so a stalled
-- former leader can never bill twice. Rows of the known jobs are seeded; another job's row is inserted on first use.
CREATE TABLE job_fences (
    job   VARCHAR(40) PRIMARY KEY,
    token BIGINT      NOT NULL
);

INSERT INTO job_fences (job, token) VALUES ('metering', 0);
INSERT INTO job_fences (job, token) VALUES ('offer-expiry', 0);
