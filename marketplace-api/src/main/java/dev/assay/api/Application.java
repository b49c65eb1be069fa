package dev.assay.api;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the marketplace. With no environment it runs on embedded defaults (H2 in a file under the data
 * directory, in-process live state); {@code MICRONAUT_ENVIRONMENTS=prod} takes PostgreSQL and Redis from
 * environment variables (see {@code application-prod.yml}).
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args)
                .banner(false)
                .defaultEnvironments(DeploymentProfile.EMBEDDED)
                .start();
    }
}
