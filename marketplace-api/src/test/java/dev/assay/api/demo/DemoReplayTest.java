package dev.assay.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.MovableMarketClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The demo market replays: two markets of the same seed, ticked alike on their own databases, make the same
 * fleet, the same outages and the same renter decisions; another seed makes another market. Compared by what the
 * tables hold (machine names, pod names, types and bids), since row ids are random.
 */
class DemoReplayTest {

    @Test
    void theSameSeedReplaysTheSameMarketAndAnotherSeedDoesNot() throws SQLException {
        List<String> first = run(7);
        List<String> again = run(7);
        List<String> other = run(8);

        assertThat(first).anyMatch(line -> line.startsWith("pod ")).anyMatch(line -> line.startsWith("offline "));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    /** Ticks a fresh market 40 times and lists what happened, in order. */
    private static List<String> run(long seed) throws SQLException {
        try (ApplicationContext context = ApplicationContext.run(Map.of("grpc.server.enabled", false,
                "assay.demo.enabled", true, "assay.demo.fleet-size", 80, "assay.demo.seed", seed,
                "test.movable-market-clock", true), "test")) {
            DemoMarket market = context.getBean(DemoMarket.class);
            MovableMarketClock clock = context.getBean(MovableMarketClock.class);
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            List<String> happened = new ArrayList<>(lines(dataSource,
                    "SELECT 'host ' || name || ' ' || verification FROM hosts ORDER BY name"));
            for (int i = 0; i < 40; i++) {
                clock.advance(Duration.ofSeconds(2));
                market.tick();
                happened.addAll(lines(dataSource, "SELECT 'offline ' || name FROM hosts WHERE status = 'OFFLINE'"
                        + " ORDER BY name"));
            }
            happened.addAll(lines(dataSource, "SELECT 'pod ' || p.org_id || ' ' || p.name || ' ' || p.pod_type || ' '"
                    + " || p.gpu_count || ' ' || COALESCE(CAST(p.bid_micros AS VARCHAR), '-')"
                    + " FROM pods p ORDER BY p.name"));
            return happened;
        }
    }

    private static List<String> lines(DataSource dataSource, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
