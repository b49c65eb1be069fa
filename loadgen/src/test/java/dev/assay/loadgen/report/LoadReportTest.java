package dev.assay.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    @Test
    void percentilesCountTheLatenciesRecorded() {
        LoadReport report = new LoadReport();
        OperationStats search = report.operation("search");
        for (int ms = 1; ms <= 100; ms++) {
            search.succeeded(ms * 1_000_000L);
        }
        search.failed("HTTP 503");

        assertThat(search.successes()).isEqualTo(100);
        assertThat(search.errors()).isEqualTo(1);
        assertThat(search.percentileMicros(50)).isBetween(49_900L, 50_100L);
        assertThat(search.percentileMicros(99)).isBetween(98_900L, 99_100L);
        assertThat(report.operation("search")).isSameAs(search);
        assertThat(report.totalErrors()).isEqualTo(1);
    }

    @Test
    void printsOneRowPerOperationInFirstUseOrderWithItsErrors() {
        LoadReport report = new LoadReport();
        report.operation("heartbeat").succeeded(2_000_000);
        report.operation("search").failed("HTTP 429 too many requests");
        report.fact("agents_connected", 3);
        StringWriter text = new StringWriter();

        report.print(new PrintWriter(text), 2.0);

        String[] lines = text.toString().split("\n");
        assertThat(lines[1]).startsWith("heartbeat").contains(" 1 ").contains("0.5");
        assertThat(lines[2]).startsWith("search");
        assertThat(text.toString()).contains("agents_connected         3")
                .contains("error search             HTTP 429 too many requests");
    }

    @Test
    void mapCarriesThroughputOverTheWindow() {
        LoadReport report = new LoadReport();
        for (int i = 0; i < 30; i++) {
            report.operation("create_pod").succeeded(5_000_000);
        }

        Map<String, Object> map = report.asMap(10.0);

        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((Map<String, Object>) map.get("operations")).get("create_pod");
        assertThat(row).containsEntry("count", 30L).containsEntry("per_second", 3.0).containsEntry("errors", 0L);
        assertThat((double) row.get("p99_ms")).isBetween(4.99, 5.01);
    }
}
