package dev.assay.loadgen.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the swarm's heartbeats at the interval Welcome named, spread evenly over it: agent i of n beats at
 * i × interval / n into each interval, so 10 k agents at 10 s make a steady 1 000 a second rather than 10 k at once
 * every 10 s (real agents start at random times; a thundering herd would measure the herd, not the marketplace).
 * One thread sends them all, so no stream is written by two pacers.
 */
final class HeartbeatPacer {

    private final List<SwarmAgent> agents;
    private final Duration interval;

    HeartbeatPacer(List<SwarmAgent> agents, Duration interval) {
        this.agents = agents;
        this.interval = interval;
    }

    /** Beats until {@code deadline} or until {@code maxHeartbeats} were sent; answers how many were sent. */
    long beatUntil(Instant deadline, long maxHeartbeats) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        CountDownLatch budgetSpent = new CountDownLatch(1);
        ScheduledThreadPoolExecutor pacer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "heartbeat-pacer");
            thread.setDaemon(true);
            return thread;
        });
        pacer.setRemoveOnCancelPolicy(true);
        long intervalNanos = interval.toNanos();
        try {
            for (int i = 0; i < agents.size(); i++) {
                SwarmAgent agent = agents.get(i);
                long offsetNanos = intervalNanos * i / agents.size();
                pacer.scheduleAtFixedRate(() -> {
                    if (sent.get() >= maxHeartbeats) {
                        budgetSpent.countDown();
                        return;
                    }
                    agent.heartbeat();
                    sent.incrementAndGet();
                }, offsetNanos, intervalNanos, TimeUnit.NANOSECONDS);
            }
            long waitNanos = Duration.between(Instant.now(), deadline).toNanos();
            budgetSpent.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } finally {
            pacer.shutdownNow();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        }
        return sent.get();
    }
}
