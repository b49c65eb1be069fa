package dev.assay.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.testing.AgentChannels;
import dev.assay.api.testing.ApiClient;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The marketplace starts on its defaults and answers on every door it opens. */
@MicronautTest
@Property(name = "grpc.server.enabled", value = "true")
class MarketplaceStartsTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = api().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void versionNamesTheBuildTheContractAndTheProfile() throws Exception {
        HttpResponse<String> response = api().get("/v1/version");
        JsonNode version = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(version.path("name").asText()).isEqualTo("assay-marketplace");
        assertThat(version.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(version.path("contract").asText()).isEqualTo("assay.agent.v1");
        assertThat(version.path("profile").asText()).isEqualTo("embedded");
    }

    @Test
    void theConsoleIsServedAtTheRoot() {
        HttpResponse<String> page = api().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"root\"></div>").contains("/assets/");
    }

    @Test
    void prometheusMetricsAreExposed() {
        HttpResponse<String> metrics = api().get("/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theAgentPortAnswersTheStandardGrpcHealthCheckOverTls() throws InterruptedException {
        ManagedChannel channel = AgentChannels.anonymous(context);
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus();

            assertThat(status).isEqualTo(ServingStatus.SERVING);
        } finally {
            AgentChannels.close(channel);
        }
    }

    private ApiClient api() {
        return new ApiClient(server);
    }
}
