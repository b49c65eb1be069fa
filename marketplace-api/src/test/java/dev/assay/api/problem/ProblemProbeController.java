package dev.assay.api.problem;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Test-only endpoints that fail in each way the problem+json contract covers. */
@Controller("/v1/problem-probe")
@Requires(property = "problem-probe.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class ProblemProbeController {

    static final String SECRET = "jdbc:postgresql://db.internal:5432/assay password=hunter2";

    @Get("/api-problem")
    String apiProblem() {
        throw new ApiProblem(ProblemType.CONFLICT, "the name is taken", Map.of("name", "already used by pod_1"));
    }

    @Get("/illegal-argument")
    String illegalArgument() {
        throw new IllegalArgumentException("gpuCount must be at least 1, was 0");
    }

    @Get("/boom")
    String boom() {
        throw new IllegalStateException("lost connection to " + SECRET);
    }

    @Get("/query")
    String query(@QueryValue int count) {
        return "count=" + count;
    }

    @Post("/validated")
    @Consumes(MediaType.APPLICATION_JSON)
    String validated(@Valid @Body ProbeRequest request) {
        return "ok " + request.name();
    }

    @Serdeable
    @Introspected
    record ProbeRequest(@NotBlank String name, @Min(1) int count, @Valid @Size(max = 3) List<Item> items) {}

    @Serdeable
    @Introspected
    record Item(@NotBlank String label) {}
}
