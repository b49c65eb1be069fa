package dev.assay.loadgen.bare;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BareSearchServerTest {

    private static final byte[] ANSWER = "{\"query\":\"limit 1\",\"total_matched\":1,\"items\":[{\"id\":\"hst_x-1\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "blocking executor: {0}")
    @ValueSource(booleans = {false, true})
    void answersTheCapturedBytesAsJsonWhateverTheQuery(boolean blocking) throws Exception {
        try (ApplicationContext context = BareSearchServer.start(0, ANSWER, blocking)) {
            int port = context.getBean(EmbeddedServer.class).getPort();
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/offers?q=gpu_ram%3E%3D24%20limit%2020"))
                    .header("Authorization", "Bearer anything").build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(ANSWER);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(ANSWER.length);
        }
    }

    @Test
    void signsUpWithAStubSoTheSameLoadgenCommandRuns() throws Exception {
        try (ApplicationContext context = BareSearchServer.start(0, ANSWER, false)) {
            int port = context.getBean(EmbeddedServer.class).getPort();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/orgs")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"r\",\"owner_email\":\"r@x.invalid\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.body()).contains("\"key\":\"assay_key_bare_unchecked\"").contains("SIMULATED");
        }
    }
}
