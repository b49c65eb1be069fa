package dev.assay.loadgen.renters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.report.LoadReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RenterCrowdTest {

    private static final int RENTERS = 4;

    @Test
    void creditedRentersRunTheWholeMixCountA429AsRateLimitedAndLeaveNoPodRunning() throws Exception {
        try (FakeMarketplace market = new FakeMarketplace(7)) {
            LoadReport report = run(market, RenterMix.parse(RenterMix.DEFAULT), Optional.of("operator"), 600);
            Map<String, Object> ops = operations(report);

            assertThat(market.signUps).hasValue(RENTERS);
            assertThat(market.credits).hasValue(RENTERS);
            assertThat(market.unauthenticated).hasValue(0);
            assertThat(ops).containsKeys("search", "offer", "create_pod", "stop_pod", "bid", Renter.RATE_LIMITED);
            // Every 429 the marketplace sent is in the report under rate_limited, none hidden under search.
            assertThat(market.rateLimited.get()).isPositive();
            assertThat(report.operation(Renter.RATE_LIMITED).errors()).isEqualTo(market.rateLimited.get());
            assertThat(report.operation(Renter.RATE_LIMITED).successes()).isZero();
            assertThat(report.operation("search").errors()).isZero();
            assertThat(report.operation("search").successes())
                    .isEqualTo(market.searches.get() - market.rateLimited.get());
            assertThat(report.operation("bid").successes()).isEqualTo(market.bids.get());
            assertThat(report.operation("create_pod").successes() + report.operation("bid").successes())
                    .isEqualTo(market.podsPlaced.get());
            assertThat(market.livePods).as("pods left running after the run").isEmpty();
            assertThat(report.totalErrors()).isEqualTo(market.rateLimited.get());
        }
    }

    @Test
    void withoutTheOperatorKeyTheRentersOnlyLookAndTheReportSaysSo() throws Exception {
        try (FakeMarketplace market = new FakeMarketplace(Integer.MAX_VALUE)) {
            LoadReport report = run(market, RenterMix.parse(RenterMix.DEFAULT), Optional.empty(), 300);

            assertThat(market.credits).hasValue(0);
            assertThat(market.podsPlaced).hasValue(0);
            assertThat(operations(report)).containsOnlyKeys("search", "offer");
            assertThat(facts(report)).containsEntry("renters_pod_operations",
                    "skipped: no --operator-key, so the renters have no credit").containsEntry("renters_mix",
                    "search=70,offer=10");
        }
    }

    @Test
    void theRequestBoundStopsTheCrowdBeforeItsDeadline() throws Exception {
        try (FakeMarketplace market = new FakeMarketplace(Integer.MAX_VALUE)) {
            LoadReport report = run(market, RenterMix.parse("search=1"), Optional.empty(), 50);

            assertThat(report.operation("search").successes()).isEqualTo(50);
            assertThat(market.searches).hasValue(50);
            StringWriter printed = new StringWriter();
            report.print(new PrintWriter(printed), 1.0);
            assertThat(printed.toString()).contains("search").contains("renters_signed_up        4");
        }
    }

    @Test
    void aRequestThatNeverAnswersFailsSoonAfterTheWindowInsteadOfStretchingIt() throws Exception {
        try (FakeMarketplace market = new FakeMarketplace(Integer.MAX_VALUE)) {
            market.hangFromSearch = 200;
            long started = System.nanoTime();
            LoadReport report = run(market, RenterMix.parse("search=1"), Optional.empty(), Long.MAX_VALUE,
                    Duration.ofSeconds(1));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(seconds).as("1 s window + 5 s grace, not the 30 s request timeout").isLessThan(15);
            assertThat(report.operation("search").successes()).isEqualTo(199);
            assertThat(report.operation("search").errors()).isEqualTo(RENTERS);
            assertThat(report.operation("search").firstErrors()).allMatch(e -> e.contains("timed out"));
        }
    }

    private static LoadReport run(FakeMarketplace market, RenterMix mix, Optional<String> operatorKey, long maxOps)
            throws Exception {
        return run(market, mix, operatorKey, maxOps, Duration.ofSeconds(20));
    }

    private static LoadReport run(FakeMarketplace market, RenterMix mix, Optional<String> operatorKey, long maxOps,
            Duration window) throws Exception {
        LoadPlan plan = new LoadPlan(market.api(), "127.0.0.1:1", 0, RENTERS, window, maxOps,
                Optional.empty(), operatorKey, 42);
        RenterCrowd crowd = new RenterCrowd(mix, Optional.empty());
        LoadReport report = new LoadReport();
        crowd.prepare(plan, report);
        CountDownLatch go = new CountDownLatch(1);
        go.countDown();
        crowd.run(plan, report, go);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operations(LoadReport report) {
        return (Map<String, Object>) report.asMap(1.0).get("operations");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facts(LoadReport report) {
        return (Map<String, Object>) report.asMap(1.0).get("facts");
    }
}
