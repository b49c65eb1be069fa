package dev.assay.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The body of every error response, {@code application/problem+json} as RFC 9457 defines it.
 *
 * @param type     a stable URI naming the kind of problem ({@link ProblemType#uri()}), or {@code about:blank}
 *                 for an HTTP status with no type of its own
 * @param title    a short summary of the type, the same for every occurrence
 * @param status   the HTTP status code of the response
 * @param detail   what went wrong this time, for a human; never internals
 * @param instance the path of the request that failed
 * @param errors   per-field errors, in the order found; empty when the problem is not about fields
 * @param eliminatedBy extension member of {@code no-capacity}: placement rule to hosts it eliminated; absent
 *                 from every other problem
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, String instance,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<FieldError> errors,
        @JsonProperty("eliminated_by") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        Map<String, Integer> eliminatedBy) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = List.copyOf(errors);
    }

    /** A problem without extension members. */
    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /**
     * One invalid field.
     *
     * @param field   the JSON path of the field ({@code gpu.count}, {@code items[2].name}) or the parameter name
     * @param message what is wrong with it
     */
    @Serdeable
    public record FieldError(String field, String message) {}
}
