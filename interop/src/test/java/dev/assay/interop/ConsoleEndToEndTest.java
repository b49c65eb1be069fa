package dev.assay.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real headless Chromium against the packaged marketplace with its SIMULATED demo fleet: runs
 * {@code console-ui/e2e/console.e2e.mjs} (playwright-core driving Debian's {@code /usr/bin/chromium}) and asserts
 * that every chosen flow passed. Screenshots of each page land in {@code console-ui/target/e2e-screenshots}.
 *
 * <p>The flows come from the system property {@code assay.e2e.flows} (or the environment variable
 * {@code ASSAY_E2E_FLOWS}), comma-separated from {@code shell,renter,host,error}; the default is all four.
 * Without Chromium the test fails in CI
 * ({@code ASSAY_REQUIRE_SERVICES=1}) and is skipped, with the reason, elsewhere.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ConsoleEndToEndTest {

    private static final Path REPOSITORY = Path.of("..");
    /** Relative to the repository root, where the script runs. */
    private static final String SCRIPT = "console-ui/e2e/console.e2e.mjs";
    private static final Path PLAYWRIGHT = REPOSITORY.resolve("console-ui/node_modules/playwright-core");
    private static final Path SCREENSHOTS = REPOSITORY.resolve("console-ui/target/e2e-screenshots");
    /** Offers to rent, hosts to place pods on, all SIMULATED, as `./assay demo` shows them. */
    private static final String DEMO_FLEET_SIZE = "40";
    private static final long FLOWS_TIMEOUT_SECONDS = 300;

    @TempDir
    Path work;

    @Test
    void theConsoleFlowsPassInAHeadlessChromiumWithNoBrowserErrors() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        requireInCi(Files.isExecutable(chromium), "no Chromium at " + chromium
                + " (apt-get install chromium): the console's end-to-end tests cannot run");
        assertThat(PLAYWRIGHT).as("console-ui's npm ci installs playwright-core before this module").isDirectory();
        deletePreviousScreenshots();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String operatorKey = "e2e-operator-" + HexFormat.of().formatHex(secret);
        String flows = System.getProperty("assay.e2e.flows",
                System.getenv().getOrDefault("ASSAY_E2E_FLOWS", "shell,renter,host,error"));

        try (MarketplaceProcess market = MarketplaceProcess.start(work,
                // A still market (no demo ticks): the flows rent and check offers that must not drop offline
                // or be taken by the SIMULATED renters mid-flow, and the screenshots stay comparable.
                Map.of("ASSAY_DEMO_FLEET_SIZE", DEMO_FLEET_SIZE, "ASSAY_DEMO_TICK", "0s",
                        "ASSAY_OPERATOR_KEY", operatorKey), List.of())) {
            ProcessBuilder e2e = new ProcessBuilder("node", SCRIPT).directory(REPOSITORY.toFile())
                    .redirectErrorStream(true);
            e2e.environment().putAll(Map.of(
                    "BASE_URL", "http://localhost:" + market.httpPort + "/",
                    "OPERATOR_KEY", operatorKey,
                    "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().normalize().toString(),
                    "E2E_FLOWS", flows,
                    "CHROMIUM", chromium.toString()));
            Process run = e2e.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(run));
            boolean finished = run.waitFor(FLOWS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String printed = output.get(10, TimeUnit.SECONDS);
            System.out.println(printed);

            assertThat(finished).as("the flows finished within %d s:%n%s", FLOWS_TIMEOUT_SECONDS, printed).isTrue();
            assertThat(run.exitValue()).as("console e2e (flows %s):%n%s%nmarketplace log:%n%s", flows, printed,
                    market.log()).isZero();
            for (String flow : flows.split(",")) {
                assertThat(printed).contains("PASS " + flow.strip());
            }
            try (var saved = Files.list(SCREENSHOTS)) {
                assertThat(saved.map(p -> p.getFileName().toString())).as("screenshots saved").anyMatch(
                        name -> name.endsWith(".png") && !name.startsWith("failed-"));
            }
        }
    }

    /** In CI a missing prerequisite fails the run; elsewhere the test is skipped with the reason. */
    private static void requireInCi(boolean present, String missing) {
        if (!present) {
            assertThat(System.getenv("ASSAY_REQUIRE_SERVICES")).as(missing).isNotEqualTo("1");
        }
        assumeTrue(present, missing);
    }

    /** This run's screenshots only: an earlier run's must not pass for this one's. */
    private static void deletePreviousScreenshots() throws IOException {
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                    Files.delete(png);
                }
            }
        }
    }

    private static String readAll(Process process) {
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read the e2e output: " + e.getMessage() + ")";
        }
    }
}
