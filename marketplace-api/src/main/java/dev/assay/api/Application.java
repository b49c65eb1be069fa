package dev.assay.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Starts the marketplace. With no environment it runs on embedded defaults (H2 in a file under the data
 * directory, in-process live state); {@code MICRONAUT_ENVIRONMENTS=prod} takes PostgreSQL and Redis from
 * environment variables (see {@code application-prod.yml}).
 */
@OpenAPIDefinition(
        info = @Info(
                title = "Assay marketplace API",
                version = "v1",
                description = "Search measured GPU offers, rent pods on demand or bid for interruptible capacity, "
                        + "list machines and get paid. Errors are application/problem+json (RFC 9457); every "
                        + "POST, PUT and DELETE accepts an Idempotency-Key.",
                license = @License(name = "Proprietary")),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer assay_<keyId>_<secret>")
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args)
                .banner(false)
                .defaultEnvironments(DeploymentProfile.EMBEDDED)
                .start();
    }
}
