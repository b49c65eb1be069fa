package dev.assay.api.idempotency;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Callers;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE} under {@code /v1/**}.
 *
 * <p>The header is optional; when it is sent the guarantee holds for 24 hours from the key's first use:
 * <ul>
 *   <li>the same key with the same request (method, path and query, body bytes) from the same caller is
 *       answered with the stored response (status, {@code Content-Type}, {@code Location}, body bytes) and
 *       header {@code Idempotent-Replayed: true}, without running the handler again;</li>
 *   <li>the same key with a different request: 422 {@link ProblemType#IDEMPOTENCY_KEY_REUSED};</li>
 *   <li>the same key while its first request still runs: 409 {@link ProblemType#CONFLICT};</li>
 *   <li>a 5xx response is not stored, so the client may retry with the same key.</li>
 * </ul>
 * Keys are scoped by the caller's organisation (an anonymous caller shares one scope, so send random keys).
 * It runs after authentication, on the blocking executor since it uses the database.
 */
@ServerFilter("/v1/**")
final class IdempotencyFilter implements Ordered {

    /** The request header. */
    static final String HEADER = "Idempotency-Key";
    /** Set on a replayed response. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_CHARS = 255;
    private static final long BODY_WAIT_SECONDS = 30;
    /** Responses larger than this are not kept (and the key is released): API responses are far smaller. */
    static final int MAX_STORED_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<HttpMethod> GUARDED = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final IdempotencyStore store;
    private final IdempotencyClock clock;
    private final JsonMapper json;

    IdempotencyFilter(IdempotencyStore store, IdempotencyClock clock, JsonMapper json) {
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    MutableHttpResponse<?> around(HttpRequest<?> request, @Nullable RouteMatch<?> route,
            FilterContinuation<MutableHttpResponse<?>> next) {
        if (route == null || !GUARDED.contains(request.getMethod())) {
            return next.proceed();
        }
        Optional<String> header = request.getHeaders().getFirst(HEADER);
        if (header.isEmpty()) {
            return next.proceed();
        }
        String key = validKey(header.get());
        Claim claim = store.claim(scope(request), key, fingerprint(request, bodyOf(request)), clock.now());
        return switch (claim) {
            case Claim.Acquired acquired -> runAndStore(request, acquired, next);
            case Claim.Replay replay -> replay(replay.response());
            case Claim.InFlight inFlight -> throw new ApiProblem(ProblemType.CONFLICT,
                    "a request with this Idempotency-Key is still being processed; retry after it completes");
            case Claim.Mismatch mismatch -> throw new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for a different request (method, path or body); "
                            + "use a new key for a new request");
        };
    }

    /**
     * A copy of the request body, read on this (blocking) thread; the controller reads the original. Not a
     * {@code @Body} filter parameter: Micronaut completes that on the event loop, and the controller's own body
     * binding then re-enters the body buffer it is still completing.
     */
    private static byte[] bodyOf(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return new byte[0];
        }
        try (CloseableAvailableByteBody full = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)
                .buffer().get(BODY_WAIT_SECONDS, TimeUnit.SECONDS)) {
            return full.toByteArray();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the request body", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // e.g. the body is over the size limit: answered 413 by its handler
            }
            throw new IllegalStateException("cannot read the request body", e.getCause());
        } catch (TimeoutException e) {
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "the request body did not arrive in time");
        }
    }

    private MutableHttpResponse<?> runAndStore(HttpRequest<?> request, Claim.Acquired claim,
            FilterContinuation<MutableHttpResponse<?>> next) {
        MutableHttpResponse<?> response;
        try {
            response = next.proceed();
        } catch (RuntimeException | Error e) {
            store.release(claim);
            throw e;
        }
        try {
            if (response.code() >= 500) {
                store.release(claim);
                return response;
            }
            Optional<byte[]> bytes = bodyBytes(request, response);
            if (bytes.isEmpty()) {
                store.release(claim);
                return response;
            }
            StoredResponse stored = new StoredResponse(response.code(),
                    response.getContentType().map(MediaType::toString),
                    response.getHeaders().getFirst(HttpHeaders.LOCATION), bytes.get());
            if (!store.complete(claim, stored)) {
                LOG.warn("idempotency claim in scope {} was lost before completion", claim.scope());
            }
        } catch (RuntimeException e) {
            // The handler's work is done: answer it, and leave the claim to be taken over as abandoned.
            LOG.error("cannot store the response for an Idempotency-Key in scope {}", claim.scope(), e);
        }
        return response;
    }

    /**
     * The body as the client will receive it, set back on the response as those bytes so the first answer
     * and every replay are identical; empty when it is too large to keep.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Optional<byte[]> bodyBytes(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] b) {
            bytes = b;
        } else if (body instanceof CharSequence s) {
            bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = json.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise the response body", e);
            }
        }
        if (bytes.length > MAX_STORED_BODY_BYTES) {
            LOG.warn("{} {} answered {} bytes, over the {} kept for Idempotency-Key replay; key released",
                    request.getMethod(), request.getPath(), bytes.length, MAX_STORED_BODY_BYTES);
            return Optional.empty();
        }
        if (body != null && !(body instanceof byte[])) {
            MediaType type = response.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE);
            ((MutableHttpResponse) response).body(bytes);
            response.contentType(type);
        }
        return Optional.of(bytes);
    }

    private static MutableHttpResponse<?> replay(StoredResponse stored) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(stored.status()))
                .header(REPLAYED_HEADER, "true");
        stored.location().ifPresent(location -> response.header(HttpHeaders.LOCATION, location));
        if (stored.body().length > 0 || stored.contentType().isPresent()) {
            response.body(stored.body());
            stored.contentType().ifPresent(response::contentType);
        }
        return response;
    }

    /** 1 to 255 printable ASCII characters (space to tilde). */
    static String validKey(String key) {
        boolean valid = !key.isEmpty() && key.length() <= MAX_KEY_CHARS
                && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        if (!valid) {
            throw new ApiProblem(ProblemType.VALIDATION,
                    HEADER + " must be 1 to " + MAX_KEY_CHARS + " printable ASCII characters",
                    Map.of(HEADER, "must be 1 to " + MAX_KEY_CHARS + " printable ASCII characters"));
        }
        return key;
    }

    /** The caller's organisation; without one, a hash of the credential sent; without that, anonymous. */
    private static String scope(HttpRequest<?> request) {
        Optional<Caller> caller = Callers.of(request);
        if (caller.isPresent()) {
            return "org:" + caller.get().orgId();
        }
        return request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)
                .map(credential -> "auth:" + sha256Hex(credential.getBytes(StandardCharsets.UTF_8)).substring(0, 32))
                .orElse("anonymous");
    }

    /** SHA-256 over method, path with query, and body bytes; length-prefixed so no two requests collide by framing. */
    static String fingerprint(HttpRequest<?> request, @Nullable byte[] body) {
        MessageDigest digest = sha256();
        String target = request.getMethod().name() + " " + request.getUri().getRawPath()
                + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
        byte[] head = target.getBytes(StandardCharsets.UTF_8);
        digest.update(lengthPrefix(head.length));
        digest.update(head);
        byte[] payload = body == null ? new byte[0] : body;
        digest.update(lengthPrefix(payload.length));
        digest.update(payload);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] lengthPrefix(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
