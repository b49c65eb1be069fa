package dev.assay.loadgen.renters;

import dev.assay.loadgen.LoadPart;
import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.report.LoadReport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The renters' side of a load run: R SIMULATED renters over REST, each its own organisation (signed up, and
 * credited when the plan has the operator key), each a closed loop on a virtual thread drawing operations from
 * the {@link RenterMix} with its own seeded random stream. Without the operator key the renters cannot pay, so
 * the pod operations are left out of the mix and the report says so.
 *
 * <p>The crowd shares the plan's request bound ({@code maxOperations}) and stops at its deadline; afterwards every
 * renter stops or withdraws the pods it still holds, outside the measured window.
 */
public final class RenterCrowd implements LoadPart {

    /** How long the renters may take to end their pods after the window. */
    static final Duration RELEASE_WITHIN = Duration.ofSeconds(60);

    private final RenterMix askedMix;
    private final Optional<String> fixedQuery;
    private final List<Renter> renters = new ArrayList<>();
    private RenterMix mix;
    private MarketClient client;

    /** {@code fixedQuery}: every search asks it (a benchmark's one query); empty: the seeded catalogue. */
    public RenterCrowd(RenterMix mix, Optional<String> fixedQuery) {
        this.askedMix = mix;
        this.fixedQuery = fixedQuery;
    }

    @Override
    public String name() {
        return "renters";
    }

    @Override
    public void prepare(LoadPlan plan, LoadReport report) throws Exception {
        mix = askedMix;
        if (plan.operatorKey().isEmpty() && askedMix.hasPaidOperations()) {
            mix = askedMix.withoutPaidOperations();
            report.fact("renters_pod_operations", "skipped: no --operator-key, so the renters have no credit");
        }
        report.fact("renters_mix", mix.toString());
        client = new MarketClient(plan.api());
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        SearchQueries queries = fixedQuery.map(SearchQueries::only).orElseGet(() -> new SearchQueries(seeds.split()));
        String runId = Long.toString(plan.seed(), 36) + "-" + Long.toString(System.currentTimeMillis(), 36);
        RenterSignUp signUp = new RenterSignUp(client, plan.operatorKey(), runId);
        long started = System.nanoTime();
        // Sign-ups in parallel (a few at a time): 1,000 renters one by one would take longer than the run.
        List<SplittableRandom> streams = new ArrayList<>();
        for (int i = 0; i < plan.renters(); i++) {
            streams.add(seeds.split());
        }
        Renter[] made = new Renter[plan.renters()];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService signers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < Math.min(8, plan.renters()); s++) {
                work.add(signers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < made.length; i = next.getAndIncrement()) {
                        RenterSignUp.Account account = signUp.signUp(i);
                        made[i] = new Renter(i, account.key(), client, report, queries, streams.get(i),
                                mix.needsKnownOffers());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        renters.addAll(List.of(made));
        report.fact("renters_signed_up", renters.size());
        report.fact("renters_credited", plan.operatorKey().isPresent() ? renters.size() : 0);
        report.fact("renters_prepare_seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        report.fact("search_queries_in_catalogue", queries.catalogue().size());
    }

    @Override
    public void run(LoadPlan plan, LoadReport report, CountDownLatch go) throws Exception {
        go.await();
        long started = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        long deadline = started + plan.duration().toNanos();
        client.finishBy(deadline);
        AtomicLong budget = new AtomicLong(plan.maxOperations());
        try (ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (Renter renter : renters) {
                running.add(loops.submit(() -> {
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        renter.step(mix.pick(renter.random()), deadline);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        // The load generator shares the machine with the server: what it spent is part of the figure's story.
        report.fact("loadgen_cpu_cores", Math.round(100.0 * (processCpuNanos() - cpuAtStart)
                / Math.max(1, System.nanoTime() - started)) / 100.0);
        client.unbounded();
        releaseAll(report);
    }

    /** After the window: every renter ends the pods it holds, a few renters at a time. */
    private void releaseAll(LoadReport report) throws Exception {
        int held = renters.stream().mapToInt(Renter::heldPods).sum();
        if (held == 0) {
            return;
        }
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + RELEASE_WITHIN.toNanos();
        try (ExecutorService releasers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (Renter renter : renters) {
                work.add(releasers.submit(() -> failed.addAndGet(renter.releaseAll(deadline))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        report.fact("pods_released_after_window", held - failed.get());
        if (failed.get() > 0) {
            report.fact("pods_left_held", failed.get());
        }
    }

    /** This process's CPU time (all threads), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}
