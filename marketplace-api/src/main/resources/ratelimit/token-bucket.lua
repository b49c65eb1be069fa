-- One API key's token bucket, taken from atomically (Redis runs a script alone).
-- The same arithmetic as dev.assay.api.ratelimit.TokenBucket; keep the two in step.
-- KEYS[1]: the bucket (a hash: tokens, at = microseconds of Redis TIME)
-- ARGV[1]: tokens per second (refill rate), ARGV[2]: burst (bucket size)
-- Returns {allowed (1/0), whole tokens left, microseconds until a whole token is back (0 when allowed)}.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
-- Redis's clock, not the callers': every instance sees one time. (Allowed before writes since Redis 5,
-- which replicates a script's effects, not the script.)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  -- Never seen, or expired because it had refilled: a full bucket.
  tokens = burst
  at = now
end
if now > at then
  -- A clock that went back (a failover to another server) refills nothing and keeps the later time.
  tokens = math.min(burst, tokens + (now - at) * rate / 1000000)
  at = now
end

local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000000 / rate)
end

-- %.0f and %.17g: Lua's tostring keeps 14 digits, too few for microseconds since the epoch.
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.0f', at))
-- Gone once it would be full again: a missing bucket and a full one answer the same.
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((burst - tokens) * 1000 / rate)))
return {allowed, math.floor(tokens), wait}
