package dev.assay.agent.session;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What every session of one agent shares: the parts that outlive a stream (pods, keys, GPUs). */
record SessionParts(AgentHost host, PodSupervisor pods, ChallengeResponder challenges, CertificateRenewer renewer,
        Benchmarks benchmarks, ScheduledExecutorService scheduler, Clock clock, SessionTiming timing) {}
