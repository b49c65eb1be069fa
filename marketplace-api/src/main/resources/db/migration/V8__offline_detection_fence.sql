-- Offline detection (agents.AgentPresence) runs under a lease too: its fence, as metering's and offer expiry's.
INSERT INTO job_fences (job, token) VALUES ('offline-detection', 0);
