package dev.assay.agent.bench.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs a step on several threads at once for a fixed time and gives the combined rate. Every thread prepares its
 * step first (allocation stays out of the timing), all start together, each repeats its step until the time is
 * up (checked after each step, so a thread overruns by at most one step), and the rate is the total amount
 * divided by the time from the common start to the last thread's finish.
 */
final class ThreadedRate {

    /** One thread's repeated piece of work; returns how much it did (units, bytes). */
    interface Step {
        long run();
    }

    private ThreadedRate() {}

    /** @param pool must have {@code threads} free threads: the steps run side by side, not queued */
    static double perSecond(ExecutorService pool, int threads, Duration duration, IntFunction<Step> stepOfThread) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long durationNanos = duration.toNanos();
        List<Future<long[]>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            runs.add(pool.submit(() -> {
                Step step = stepOfThread.apply(thread);
                ready.countDown();
                go.await();
                long deadline = System.nanoTime() + durationNanos;
                long amount = 0;
                long now;
                do {
                    amount += step.run();
                    now = System.nanoTime();
                } while (now < deadline);
                return new long[] {amount, now};
            }));
        }
        try {
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            long amount = 0;
            long end = start;
            for (Future<long[]> run : runs) {
                long[] done = run.get();
                amount += done[0];
                end = Math.max(end, done[1]);
            }
            return amount / ((end - start) / 1e9);
        } catch (InterruptedException e) {
            runs.forEach(r -> r.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a measuring thread failed: " + e.getCause(), e.getCause());
        }
    }
}
