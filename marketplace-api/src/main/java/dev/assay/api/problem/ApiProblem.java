package dev.assay.api.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown anywhere while a request is handled to answer it with an RFC 9457 {@code application/problem+json}
 * body of the given {@link ProblemType}: its status, type URI and title, this {@code detail}, the request path
 * as {@code instance} and, when given, per-field {@code errors}.
 *
 * <p>{@code detail} is shown to the client: it must help the caller fix the request and must not carry
 * internals (stack traces, SQL, class names). No stack trace is captured: this is an answer, not a fault.
 */
public final class ApiProblem extends RuntimeException {

    /** A bound on the field errors carried, so a huge invalid body cannot produce a huge answer. */
    static final int MAX_FIELD_ERRORS = 100;

    private final ProblemType type;
    private final Map<String, String> fieldErrors;
    private final Map<String, Integer> eliminatedBy;

    /**
     * @param type   what kind of problem; decides the HTTP status
     * @param detail a human explanation of this occurrence, shown to the client
     */
    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    /**
     * @param type        what kind of problem; decides the HTTP status
     * @param detail      a human explanation of this occurrence, shown to the client
     * @param fieldErrors field (JSON path such as {@code gpu.count}) to message; order is kept; at most
     *                    {@value #MAX_FIELD_ERRORS} are kept
     */
    public ApiProblem(ProblemType type, String detail, Map<String, String> fieldErrors) {
        this(type, detail, fieldErrors, null);
    }

    /**
     * A {@link ProblemType#NO_CAPACITY} answer with its {@code eliminated_by} member.
     *
     * @param eliminatedBy placement rule to the number of hosts it eliminated, in the engine's order
     */
    public static ApiProblem noCapacity(String detail, Map<String, Integer> eliminatedBy) {
        return new ApiProblem(ProblemType.NO_CAPACITY, detail, Map.of(), Objects.requireNonNull(eliminatedBy));
    }

    private ApiProblem(ProblemType type, String detail, Map<String, String> fieldErrors,
            Map<String, Integer> eliminatedBy) {
        super(detail, null, false, false);
        this.eliminatedBy = eliminatedBy == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(eliminatedBy));
        this.type = Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fieldErrors, "fieldErrors");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fieldErrors.entrySet()) {
            if (copy.size() == MAX_FIELD_ERRORS) {
                break;
            }
            copy.put(Objects.requireNonNull(e.getKey(), "field"), Objects.requireNonNullElse(e.getValue(), "invalid"));
        }
        this.fieldErrors = Collections.unmodifiableMap(copy);
    }

    /** What kind of problem this is. */
    public ProblemType type() {
        return type;
    }

    /** The human explanation shown as {@code detail}. */
    public String detail() {
        return getMessage();
    }

    /** The {@code eliminated_by} extension member of a no-capacity answer; null on every other problem. */
    public Map<String, Integer> eliminatedBy() {
        return eliminatedBy;
    }

    /** Field to message, in the order given; empty when the problem is not about fields. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
