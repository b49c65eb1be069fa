package dev.assay.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.context.annotation.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.testing.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The marketplace starts on its defaults and answers on every door it opens. */
@MicronautTest
class MarketplaceStartsTest {

    @Inject
    EmbeddedServer server;

    @Value("${grpc.server.port}")
    int grpcPort;

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
    void theAgentPortAnswersTheStandardGrpcHealthCheck() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build();
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus();

            assertThat(status).isEqualTo(ServingStatus.SERVING);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private ApiClient api() {
        return new ApiClient(server);
    }
}
