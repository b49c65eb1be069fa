package dev.assay.api.platform;

import dev.assay.api.DeploymentProfile;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /v1/version}: what is running, so the console, agents and operators can tell. */
@Controller("/v1/version")
class VersionController {

    /** The agent contract this build speaks: the proto package of {@code proto/}. */
    static final String AGENT_CONTRACT = "assay.agent.v1";

    private final BuildInfo build;
    private final DeploymentProfile profile;

    VersionController(BuildInfo build, DeploymentProfile profile) {
        this.build = build;
        this.profile = profile;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    VersionResponse version() {
        return new VersionResponse(build.name(), build.version(), AGENT_CONTRACT, profile.name());
    }

    @Serdeable
    record VersionResponse(String name, String version, String contract, String profile) {}
}
