package dev.assay.api.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.Machines;
import dev.assay.api.testing.ApiClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed, hostile and unauthorised requests, one per case: each must answer a 4xx
 * {@code application/problem+json} with a stable type, never a 500, and must leave every table as it was
 * ({@link DatabaseFingerprint}). The cases are data ({@link BadRequest}); the checks are the same for all.
 */
@MicronautTest(transactional = false)
@Property(name = "assay.operator-key", value = BadInputSuiteTest.OPERATOR_KEY)
class BadInputSuiteTest {

    static final String OPERATOR_KEY = "operator-key-for-the-bad-input-suite-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    HostRegistry registry;

    /** One hostile request and the status it must get. */
    record BadRequest(String name, String method, String path, String authorization, String contentType,
                      String body, Map<String, String> headers, int expectedStatus) {

        static BadRequest get(String name, String path, String key, int status) {
            return new BadRequest(name, "GET", path, bearer(key), null, null, Map.of(), status);
        }

        static BadRequest post(String name, String path, String key, String body, int status) {
            return new BadRequest(name, "POST", path, bearer(key), "application/json", body, Map.of(), status);
        }

        static BadRequest put(String name, String path, String key, String body, int status) {
            return new BadRequest(name, "PUT", path, bearer(key), "application/json", body, Map.of(), status);
        }

        static BadRequest delete(String name, String path, String key, int status) {
            return new BadRequest(name, "DELETE", path, bearer(key), null, null, Map.of(), status);
        }

        BadRequest withAuthorization(String header) {
            return new BadRequest(name, method, path, header, contentType, body, headers, expectedStatus);
        }

        BadRequest withContentType(String type) {
            return new BadRequest(name, method, path, authorization, type, body, headers, expectedStatus);
        }

        BadRequest withHeader(String header, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(header, value);
            return new BadRequest(name, method, path, authorization, contentType, body, Map.copyOf(more),
                    expectedStatus);
        }

        private static String bearer(String key) {
            return key == null ? null : "Bearer " + key;
        }
    }

    /** Keys and ids the cases use; made through the API before the cases run. */
    record World(String owner, String readOnly, String member, String revoked, String otherOrgKeyId,
                 String otherOrgId, String idempotencyKeyUsed, String ownHostId, String otherOrgHostId,
                 String otherOrgPodId) {}

    @TestFactory
    List<DynamicTest> everyBadRequestIsRefusedWithAProblemAndWritesNothing() throws Exception {
        World world = prepare();
        DatabaseFingerprint fingerprint = new DatabaseFingerprint(dataSource);
        List<BadRequest> cases = BadRequests.all(world, OPERATOR_KEY);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
        assertThat(cases.stream().map(BadRequest::name).distinct()).hasSameSizeAs(cases);

        List<DynamicTest> tests = new ArrayList<>();
        for (BadRequest bad : cases) {
            tests.add(DynamicTest.dynamicTest(bad.name(), () -> {
                Map<String, String> before = fingerprint.take();

                HttpResponse<String> response = send(bad);

                assertThat(response.statusCode()).as(bad.name() + ": " + response.body())
                        .isEqualTo(bad.expectedStatus());
                if (!"HEAD".equals(bad.method())) {
                    assertThat(response.headers().firstValue("Content-Type")).as(bad.name())
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    JsonNode problem = JSON.readTree(response.body());
                    assertThat(problem.path("status").asInt()).isEqualTo(bad.expectedStatus());
                    assertThat(problem.path("type").asText()).startsWith("https://assay.dev/problems/");
                    assertThat(problem.path("detail").asText()).isNotBlank()
                            .doesNotContain("Exception").doesNotContain("at dev.assay");
                }
                assertThat(fingerprint.take()).as(bad.name() + " must write nothing").isEqualTo(before);
            }));
        }
        return tests;
    }

    /** The suite's "writes nothing" check is only worth something if it sees a write. */
    @org.junit.jupiter.api.Test
    void theFingerprintChangesWhenARowIsWrittenOrUpdated() throws Exception {
        DatabaseFingerprint fingerprint = new DatabaseFingerprint(dataSource);
        Map<String, String> before = fingerprint.take();
        JsonNode org = signUp("Fingerprint");
        Map<String, String> afterInsert = fingerprint.take();
        String key = org.path("api_key").path("key").asText();
        String keyId = org.path("api_key").path("id").asText();
        createKey(key, "{\"name\":\"spare\",\"role\":\"owner\",\"scopes\":[\"read\"]}");
        Map<String, String> beforeUpdate = fingerprint.take();
        send(BadRequest.delete("revoke", "/v1/api-keys/" + keyId, key, 204));

        assertThat(afterInsert.get("organisations")).isNotEqualTo(before.get("organisations"));
        assertThat(fingerprint.take().get("api_keys")).as("a revocation is an update of one column")
                .isNotEqualTo(beforeUpdate.get("api_keys"));
    }

    private World prepare() throws Exception {
        JsonNode a = signUp("Bad Input A");
        JsonNode b = signUp("Bad Input B");
        String owner = a.path("api_key").path("key").asText();
        String readOnly = createKey(owner, "{\"name\":\"ro\",\"role\":\"viewer\",\"scopes\":[\"read\"]}");
        String member = createKey(owner, "{\"name\":\"m\",\"role\":\"member\",\"scopes\":[\"read\",\"pods\"]}");
        String revoked = createKey(owner, "{\"name\":\"gone\",\"role\":\"member\",\"scopes\":[\"read\"]}");
        String revokedId = revoked.substring("assay_".length(), revoked.lastIndexOf('_'));
        HttpResponse<String> revoke = send(BadRequest.delete("setup", "/v1/api-keys/" + revokedId, owner, 204));
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(204);
        String idempotencyKey = "bad-input-" + UUID.randomUUID();
        HttpResponse<String> first = send(BadRequest.post("setup", "/v1/api-keys", owner,
                "{\"name\":\"idem\",\"role\":\"member\",\"scopes\":[\"read\"]}", 201)
                .withHeader("Idempotency-Key", idempotencyKey));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String ownHost = listedHost(a, "0.40");
        String otherOwner = b.path("api_key").path("key").asText();
        String otherHost = listedHost(b, "0.45");
        HttpResponse<String> pod = send(BadRequest.post("setup", "/v1/pods", otherOwner,
                "{\"name\":\"theirs\",\"image\":\"ubuntu:24.04\",\"gpu_count\":1,\"offer_id\":\"" + otherHost
                        + "\",\"disk_gb\":10}", 201));
        assertThat(pod.statusCode()).as(pod.body()).isEqualTo(201);
        return new World(owner, readOnly, member, revoked, b.path("api_key").path("id").asText(),
                b.path("organisation").path("id").asText(), idempotencyKey, ownHost, otherHost,
                JSON.readTree(pod.body()).path("id").asText());
    }

    /** A SIMULATED two-GPU machine of the organisation, registered and listed at {@code price} per GPU-hour. */
    private String listedHost(JsonNode org, String price) {
        String hostId = registry.register(org.path("organisation").path("id").asText(), Machines.rtx4090s(2));
        HttpResponse<String> listed = send(BadRequest.put("setup", "/v1/hosts/" + hostId + "/offer",
                org.path("api_key").path("key").asText(), "{\"on_demand_per_gpu_hour\":\"" + price
                        + "\",\"min_bid_per_gpu_hour\":\"0.10\",\"min_gpus_per_pod\":1,"
                        + "\"storage_per_gb_month\":\"0.10\"}", 200));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return hostId;
    }

    private JsonNode signUp(String name) throws Exception {
        HttpResponse<String> response = send(BadRequest.post("setup", "/v1/orgs", null,
                "{\"name\":\"" + name + "\",\"owner_email\":\"" + UUID.randomUUID() + "@example.com\"}", 201));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private String createKey(String owner, String body) throws Exception {
        HttpResponse<String> response = send(BadRequest.post("setup", "/v1/api-keys", owner, body, 201));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("key").asText();
    }

    private HttpResponse<String> send(BadRequest bad) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + bad.path()));
        HttpRequest.BodyPublisher body = bad.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(bad.body());
        request.method(bad.method(), body);
        if (bad.authorization() != null) {
            request.header("Authorization", bad.authorization());
        }
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        bad.headers().forEach(request::header);
        return new ApiClient(server).send(request);
    }
}
