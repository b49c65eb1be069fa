package dev.assay.api.problem;

import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the problem an error response carries, from the exception that caused it (when there is one) and
 * the status chosen by the handler. Built-in Micronaut messages are not passed through: they can name Java
 * types and internals, so each known cause gets a detail of our own words.
 */
@Singleton
class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    /** Bounds what a client-supplied value can add to a detail. */
    private static final int MAX_ECHO_CHARS = 200;

    private final long maxRequestSizeBytes;

    ProblemMapper(HttpServerConfiguration server) {
        this.maxRequestSizeBytes = server.getMaxRequestSize();
    }

    Problem toProblem(ErrorContext context, int status) {
        HttpRequest<?> request = context.getRequest();
        String instance = request.getPath();
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof ApiProblem problem) {
            Problem answer = of(problem.type(), problem.detail(), problem.fieldErrors(), instance);
            return problem.eliminatedBy() == null ? answer : new Problem(answer.type(), answer.title(),
                    answer.status(), answer.detail(), answer.instance(), answer.errors(), problem.eliminatedBy());
        }
        if (status >= 500) {
            return internal(request, status, cause);
        }
        List<Problem.FieldError> fieldErrors = fieldErrors(context.getErrors());
        return switch (cause) {
            case jakarta.validation.ConstraintViolationException e -> of(ProblemType.VALIDATION,
                    summary(fieldErrors, "the request has invalid fields"), fieldErrors, instance);
            case IllegalArgumentException e -> of(ProblemType.VALIDATION,
                    e.getMessage() == null ? "the request is not valid" : e.getMessage(), Map.of(), instance);
            case UnsatisfiedBodyRouteException e -> of(ProblemType.MALFORMED_REQUEST,
                    "this request needs a JSON body", Map.of(), instance);
            case UnsatisfiedRouteException e -> required(e.getArgument(), instance);
            case UnsatisfiedArgumentException e -> required(e.getArgument(), instance);
            case ConversionErrorException e -> malformed(e, instance);
            case ContentLengthExceededException e -> of(ProblemType.PAYLOAD_TOO_LARGE,
                    "the request body is larger than the " + maxRequestSizeBytes + " bytes accepted", Map.of(), instance);
            case NotAllowedException e -> of(ProblemType.METHOD_NOT_ALLOWED, "method " + e.getRequestMethod()
                    + " is not allowed on " + instance + "; allowed: " + String.join(", ", new TreeSet<>(e.getAllowedMethods())),
                    Map.of(), instance);
            case UnsupportedMediaException e -> of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "content type '"
                    + echo(e.getContentType()) + "' is not accepted here; send "
                    + String.join(" or ", e.getAcceptableContentTypes()), Map.of(), instance);
            case null, default -> {
                if (cause != null && isUnreadableBody(cause)) {
                    yield malformed(cause, instance);
                }
                yield byStatus(status, instance);
            }
        };
    }

    private static Problem required(Argument<?> argument, String instance) {
        String name = argument.getName();
        return of(ProblemType.VALIDATION, name + " is required", Map.of(name, "is required"), instance);
    }

    private Problem malformed(Throwable cause, String instance) {
        String field = fieldOf(cause);
        if (field == null) {
            return of(ProblemType.MALFORMED_REQUEST, "the request body is not valid JSON for this endpoint",
                    Map.of(), instance);
        }
        return of(ProblemType.MALFORMED_REQUEST, "field '" + field + "' has a value of the wrong type or format",
                Map.of(field, "wrong type or format"), instance);
    }

    /** The JSON path of the field that could not be read, when the parser tells it. */
    private static String fieldOf(Throwable cause) {
        ConversionErrorException conversion = null;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerdeException serde && !serde.getPath().isEmpty()) {
                return jsonPath(serde.getPath());
            }
            if (conversion == null && t instanceof ConversionErrorException c) {
                conversion = c;
            }
        }
        // A query value, header or path variable that did not convert; a body is named by its JSON path above.
        if (conversion != null && !conversion.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
            return conversion.getArgument().getName();
        }
        return null;
    }

    /** {@code items[2].name} from the parser's reference path; never a Java type name. */
    private static String jsonPath(List<ReferencePath> path) {
        StringBuilder out = new StringBuilder();
        for (ReferencePath step : path) {
            switch (step) {
                case CollectionItemReferencePath item -> out.append('[').append(item.index()).append(']');
                case MapItemReferencePath entry -> out.append('[').append(echo(entry.key())).append(']');
                case PropertyReferencePath property -> {
                    if (!out.isEmpty()) {
                        out.append('.');
                    }
                    out.append(property.property().getName());
                }
                default -> { }
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static boolean isUnreadableBody(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerdeException || t instanceof io.micronaut.json.JsonSyntaxException
                    || t instanceof io.micronaut.http.codec.CodecException
                    || t.getClass().getName().startsWith("com.fasterxml.jackson.core.")) {
                return true;
            }
        }
        return false;
    }

    private Problem internal(HttpRequest<?> request, int status, Throwable cause) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE.getCode()
                && cause instanceof dev.assay.api.live.LiveStateUnavailable unavailable) {
            LOG.warn("{} {} answered 503: {}", request.getMethod(), request.getPath(), unavailable.getMessage());
            return of(ProblemType.UNAVAILABLE, unavailable.getMessage() + "; nothing was changed, retry shortly",
                    Map.of(), request.getPath());
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE.getCode()) {
            LOG.warn("{} {} answered 503", request.getMethod(), request.getPath(), cause);
            return of(ProblemType.UNAVAILABLE, "the service is unavailable for a moment; retry later", Map.of(),
                    request.getPath());
        }
        String correlationId = UUID.randomUUID().toString();
        // The client sees only the id; the stack trace stays in our log under the same id.
        LOG.error("{} {} failed with status {}; correlation id {}", request.getMethod(), request.getPath(), status,
                correlationId, cause);
        Problem problem = of(ProblemType.INTERNAL, "an unexpected error occurred; quote correlation id "
                + correlationId + " when reporting it", Map.of(), request.getPath());
        return status == ProblemType.INTERNAL.status() ? problem
                : new Problem(problem.type(), problem.title(), status, problem.detail(), problem.instance(), List.of());
    }

    private static Problem byStatus(int status, String instance) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status && type != ProblemType.MALFORMED_REQUEST
                    && type != ProblemType.IDEMPOTENCY_KEY_REUSED) {
                return of(type, defaultDetail(type, instance), Map.of(), instance);
            }
        }
        HttpStatus known = HttpStatus.valueOf(status);
        String reason = known == null ? "HTTP " + status : known.getReason();
        return new Problem("about:blank", reason, status, reason, instance, List.of());
    }

    private static String defaultDetail(ProblemType type, String instance) {
        return switch (type) {
            case NOT_FOUND -> "nothing is found at " + instance;
            case UNAUTHENTICATED -> "this request needs an API key: send 'Authorization: Bearer <key>'";
            case FORBIDDEN -> "the caller may not do this";
            default -> type.title();
        };
    }

    static Problem of(ProblemType type, String detail, Map<String, String> fieldErrors, String instance) {
        List<Problem.FieldError> errors = new ArrayList<>(fieldErrors.size());
        fieldErrors.forEach((field, message) -> errors.add(new Problem.FieldError(field, message)));
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    private static Problem of(ProblemType type, String detail, List<Problem.FieldError> errors, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    private static List<Problem.FieldError> fieldErrors(List<Error> errors) {
        List<Problem.FieldError> out = new ArrayList<>();
        for (Error e : errors) {
            if (e.getPath().isPresent() && out.size() < ApiProblem.MAX_FIELD_ERRORS) {
                out.add(new Problem.FieldError(e.getPath().get(), e.getMessage()));
            }
        }
        return out;
    }

    private static String summary(List<Problem.FieldError> errors, String fallback) {
        if (errors.isEmpty()) {
            return fallback;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(3, errors.size()); i++) {
            if (i > 0) {
                s.append("; ");
            }
            s.append(errors.get(i).field()).append(": ").append(errors.get(i).message());
        }
        if (errors.size() > 3) {
            s.append("; and ").append(errors.size() - 3).append(" more");
        }
        return s.toString();
    }

    private static String echo(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_ECHO_CHARS ? value : value.substring(0, MAX_ECHO_CHARS) + "…";
    }
}
