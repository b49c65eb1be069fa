package dev.assay.api;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.Set;

/** Which way this instance runs: on embedded defaults (one command, no services) or in production. */
@Singleton
public final class DeploymentProfile {

    /** Micronaut environment for the one-command start: H2 file database, in-process live state. */
    public static final String EMBEDDED = "embedded";
    /** Micronaut environment for production: PostgreSQL and Redis from environment variables. */
    public static final String PROD = "prod";

    private final String name;

    DeploymentProfile(Environment environment) {
        Set<String> active = environment.getActiveNames();
        this.name = active.contains(PROD) ? PROD : EMBEDDED;
    }

    public String name() {
        return name;
    }
}
