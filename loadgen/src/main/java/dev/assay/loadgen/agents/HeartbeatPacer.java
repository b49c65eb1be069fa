package dev.assay.loadgen.agents;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the swarm's heartbeats, each agent's from its Welcome on at the interval Welcome named, spread evenly over
 * it: agent i of n beats at i × interval / n into each interval (counted from one epoch), so 10 k agents at 10 s make
 * a steady 1 000 a second rather than 10 k at once every 10 s (real agents start at random times; a thundering herd
 * would measure the herd, not the marketplace). One thread sends them all, so no stream is written by two pacers.
 * Heartbeats inside the {@link MeasuredWindow} are counted against the run's request bound; once it is reached the
 * window closes (agents go on beating, unmeasured, until they leave, so none is dropped as silent).
 */
final class HeartbeatPacer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor pacer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "heartbeat-pacer");
        thread.setDaemon(true);
        return thread;
    });
    private final long epochNanos = System.nanoTime();
    private final int agents;
    private final MeasuredWindow window;
    private final long maxMeasured;
    private final AtomicLong measured = new AtomicLong();
    private final CountDownLatch budgetSpent = new CountDownLatch(1);

    HeartbeatPacer(int agents, MeasuredWindow window, long maxMeasured) {
        this.agents = Math.max(1, agents);
        this.window = window;
        this.maxMeasured = maxMeasured;
    }

    /** Starts agent {@code index}'s heartbeats, at its place in the interval. Thread-safe. */
    void add(SwarmAgent agent, int index, Duration interval) {
        long intervalNanos = interval.toNanos();
        long place = intervalNanos * (index % agents) / agents;
        long firstDelay = Math.floorMod(epochNanos + place - System.nanoTime(), intervalNanos);
        pacer.scheduleAtFixedRate(() -> beat(agent), firstDelay, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void beat(SwarmAgent agent) {
        long now = System.nanoTime();
        if (window.covers(now) && measured.incrementAndGet() > maxMeasured) {
            window.close(now);
            budgetSpent.countDown();
            return;
        }
        agent.heartbeat();
    }

    /** Waits for the window's end: {@code nanos} from now, or sooner once the request bound is reached. */
    void awaitWindow(long nanos) throws InterruptedException {
        budgetSpent.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Heartbeats sent inside the window. */
    long measured() {
        return Math.min(measured.get(), maxMeasured);
    }

    @Override
    public void close() throws InterruptedException {
        pacer.shutdownNow();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
