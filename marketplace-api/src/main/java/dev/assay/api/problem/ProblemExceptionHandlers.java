package dev.assay.api.problem;

import dev.assay.api.live.LiveStateUnavailable;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The exception handlers of the problem+json contract. Each turns an exception into a status and hands it to
 * the {@link ErrorResponseProcessor}, which renders the body, so every error looks the same.
 */
final class ProblemExceptionHandlers {

    private ProblemExceptionHandlers() {}

    private static HttpResponse<?> respond(ErrorResponseProcessor<?> processor, HttpRequest<?> request,
            Throwable cause, int status, List<Error> errors) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(cause);
        if (!errors.isEmpty()) {
            context.errors(errors);
        }
        return processor.processResponse(context.build(), HttpResponse.status(HttpStatus.valueOf(status)));
    }

    /**
     * {@link LiveStateUnavailable}: Redis is down or its breaker open, so a write that needs routing fails fast:
     * 503 with {@code Retry-After}, nothing changed.
     */
    @Produces
    @Singleton
    static final class LiveStateUnavailableHandler implements ExceptionHandler<LiveStateUnavailable, HttpResponse<?>> {
        static final String RETRY_AFTER_SECONDS = "5";
        private final ErrorResponseProcessor<?> processor;

        LiveStateUnavailableHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, LiveStateUnavailable exception) {
            return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                    HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS));
        }
    }

    /** {@link ApiProblem} thrown by a controller, a filter or a service: its own type and status. */
    @Produces
    @Singleton
    static final class ApiProblemHandler implements ExceptionHandler<ApiProblem, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        ApiProblemHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ApiProblem exception) {
            return respond(processor, request, exception, exception.type().status(), List.of());
        }
    }

    /**
     * {@link IllegalArgumentException}, the pure modules' way of refusing bad input: 400 with its message, which
     * those modules write for the caller (naming the field and what was expected).
     */
    @Produces
    @Singleton
    static final class IllegalArgumentHandler implements ExceptionHandler<IllegalArgumentException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        IllegalArgumentHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, IllegalArgumentException exception) {
            return respond(processor, request, exception, 400, List.of());
        }
    }

    /**
     * Bean validation failures ({@code @Valid @Body}, constrained parameters): 400 with one field error per
     * violation, each named by its JSON path ({@code gpu.count}, {@code items[1].name}) rather than Micronaut's
     * {@code method.parameter.field}.
     */
    @Produces
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    static final class ConstraintViolationHandler
            implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        ConstraintViolationHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
            List<Error> errors = new ArrayList<>();
            exception.getConstraintViolations().stream()
                    .map(v -> new FieldError(fieldPath(v.getPropertyPath()), message(v)))
                    .sorted(Comparator.comparing(FieldError::getPath, Comparator.comparing(Optional::orElseThrow)))
                    .limit(ApiProblem.MAX_FIELD_ERRORS)
                    .forEach(errors::add);
            return respond(processor, request, exception, 400, errors);
        }

        private static String message(ConstraintViolation<?> violation) {
            return violation.getMessage() == null ? "is not valid" : violation.getMessage();
        }

        /** Drops the method node, and the parameter node when a bean property follows it. */
        static String fieldPath(Path path) {
            List<Path.Node> nodes = new ArrayList<>();
            path.forEach(nodes::add);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < nodes.size(); i++) {
                Path.Node node = nodes.get(i);
                ElementKind kind = node.getKind();
                boolean last = i == nodes.size() - 1;
                if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                        || kind == ElementKind.RETURN_VALUE || kind == ElementKind.CROSS_PARAMETER
                        || (kind == ElementKind.PARAMETER && !last)) {
                    continue;
                }
                if (node.isInIterable()) {
                    // Bean validation puts an element's index on the node after the container.
                    out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                }
                if (node.getName() != null && !node.getName().isEmpty() && !node.getName().startsWith("<")) {
                    if (!out.isEmpty()) {
                        out.append('.');
                    }
                    out.append(node.getName());
                }
            }
            return out.isEmpty() ? "body" : out.toString();
        }
    }

    /**
     * Anything else: a 500 whose body carries only a correlation id; the stack trace is logged under that id
     * (by {@link ProblemMapper}), never sent.
     */
    @Produces
    @Singleton
    static final class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        UnexpectedExceptionHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Exception exception) {
            if (ConcurrentChange.causedBy(exception)) {
                ApiProblem lostRace = new ApiProblem(ProblemType.CONFLICT,
                        "a concurrent request changed the same resource first; nothing was changed, retry");
                return respond(processor, request, lostRace, ProblemType.CONFLICT.status(), List.of());
            }
            return respond(processor, request, exception, 500, List.of());
        }
    }

    /** A field error as Micronaut's error context carries it. */
    private record FieldError(String field, String message) implements Error {
        @Override
        public Optional<String> getPath() {
            return Optional.of(field);
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
