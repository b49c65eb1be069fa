package dev.assay.api.demo;

import static dev.assay.api.hosts.HostsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.hosts.HostsHttp;
import dev.assay.api.market.MarketIndex;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.VerificationState;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The demo fleet: registered at start, SIMULATED everywhere, varied, and registered once across restarts. */
@MicronautTest(transactional = false)
@Property(name = "assay.demo.enabled", value = "true")
@Property(name = "assay.demo.fleet-size", value = "12")
class DemoFleetTest {

    @Inject
    EmbeddedServer server;

    @Inject
    DemoFleet fleet;

    @Inject
    MarketIndex index;

    @Inject
    DataSource dataSource;

    @Test
    void theFleetIsRegisteredAtStartAllSimulatedAndListed() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM hosts WHERE org_id = '" + DemoOrganisation.ID + "'")).isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM hosts WHERE org_id = '" + DemoOrganisation.ID
                + "' AND simulated = TRUE AND listed = TRUE")).isEqualTo(12);

        Set<String> models = new HashSet<>();
        Set<Double> reliabilities = new HashSet<>();
        Set<VerificationState> verifications = new HashSet<>();
        for (Host host : index.snapshot().hosts()) {
            assertThat(host.simulated()).isTrue();
            assertThat(host.offer()).isPresent();
            assertThat(host.reliability()).isBetween(0.0, 1.0);
            models.add(host.gpuModel());
            reliabilities.add(host.reliability());
            verifications.add(host.verification());
        }
        assertThat(index.snapshot().size()).isEqualTo(12);
        assertThat(models).hasSizeGreaterThanOrEqualTo(4);
        assertThat(reliabilities).hasSizeGreaterThanOrEqualTo(10);
        assertThat(verifications).contains(VerificationState.VERIFIED);
    }

    @Test
    void everyOfferAndGpuTypeSaysSimulated() {
        HostsHttp http = new HostsHttp(server);

        HttpResponse<String> offers = http.get("/v1/offers?limit=1000", http.ownerKey);
        HttpResponse<String> types = http.get("/v1/gpu-types", http.ownerKey);

        assertThat(offers.statusCode()).as(offers.body()).isEqualTo(200);
        JsonNode items = json(offers).path("items");
        assertThat(items).hasSize(12);
        items.forEach(o -> assertThat(o.path("simulated").asBoolean()).as(o.toString()).isTrue());
        json(types).path("items").forEach(t -> assertThat(t.path("simulated_gpus").asLong())
                .isEqualTo(t.path("total_gpus").asLong()));
        String first = items.get(0).path("id").asText();
        assertThat(json(http.get("/v1/offers/" + first, http.ownerKey)).path("simulated").asBoolean()).isTrue();
    }

    @Test
    void aRestartFindsTheFleetAndRegistersNothing() throws SQLException {
        List<String> before = fleet.roster().stream().map(DemoFleet.Member::hostId).toList();

        assertThat(fleet.register()).isZero();

        assertThat(count("SELECT COUNT(*) FROM hosts WHERE org_id = '" + DemoOrganisation.ID + "'")).isEqualTo(12);
        // The fleet generated again from the seed is matched to the rows it made the first time.
        assertThat(fleet.roster()).extracting(DemoFleet.Member::hostId).containsExactlyElementsOf(before);
        assertThat(before).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aFleetSizeOutOfRangeStopsTheStartWithAMessageNamingTheSetting() {
        for (String size : List.of("-1", "100001")) {
            assertThatThrownBy(() -> ApplicationContext.run(Map.of("grpc.server.enabled", false,
                    "assay.demo.enabled", true, "assay.demo.fleet-size", size), "test").close())
                    .rootCause().hasMessageContaining("assay.demo.fleet-size (ASSAY_DEMO_FLEET_SIZE")
                    .hasMessageContaining("0..100000").hasMessageContaining("was " + size);
        }
    }

    @Test
    void withoutTheEmbeddedSettingThereIsNoFleet() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("grpc.server.enabled", false), "test")) {
            assertThat(context.containsBean(DemoFleet.class)).isFalse();
            assertThat(context.getBean(MarketIndex.class).snapshot().size()).isZero();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
