package dev.assay.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document is valid OpenAPI 3 (swagger-parser's validation) and covers the API. */
@MicronautTest
class OpenApiDocumentTest {

    @Inject
    EmbeddedServer server;

    @Test
    void theServedDocumentIsValidOpenApi3AndDescribesTheEndpoints() {
        HttpResponse<String> response = new ApiClient(server).get("/openapi.yml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(response.body(), null, options);

        assertThat(result.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getInfo().getTitle()).isEqualTo("Assay marketplace API");
        assertThat(api.getPaths()).containsKeys("/v1/version", "/v1/orgs", "/v1/api-keys");
        assertThat(api.getPaths()).doesNotContainKey("/openapi.yml");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("apiKey");
    }
}
