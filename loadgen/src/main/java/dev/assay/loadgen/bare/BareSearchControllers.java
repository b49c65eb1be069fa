package dev.assay.loadgen.bare;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The bare server's search endpoint, in two threading models (one is registered, by {@link #BLOCKING_PROPERTY}).
 * The query is bound like marketplace-api binds it, then ignored: the baseline does everything but the search.
 * A stub sign-up lets the very same {@code assay-loadgen} command run against it.
 */
final class BareSearchControllers {

    static final String BLOCKING_PROPERTY = "assay.bare.blocking";

    private BareSearchControllers() {}

    /** Answers on the Netty event loop: the cheapest Micronaut can answer. */
    @Controller
    @Requires(property = BLOCKING_PROPERTY, notEquals = "true")
    static final class OnEventLoop {

        private final FixedSearchAnswer answer;

        OnEventLoop(FixedSearchAnswer answer) {
            this.answer = answer;
        }

        @Get(uri = "/v1/offers", produces = MediaType.APPLICATION_JSON)
        HttpResponse<byte[]> search(@QueryValue @Nullable String q, @QueryValue @Nullable String limit) {
            return HttpResponse.ok(answer.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** Answers on the blocking executor, as marketplace-api's controllers do. */
    @Controller
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Requires(property = BLOCKING_PROPERTY, value = "true")
    static final class OnBlockingExecutor {

        private final FixedSearchAnswer answer;

        OnBlockingExecutor(FixedSearchAnswer answer) {
            this.answer = answer;
        }

        @Get(uri = "/v1/offers", produces = MediaType.APPLICATION_JSON)
        HttpResponse<byte[]> search(@QueryValue @Nullable String q, @QueryValue @Nullable String limit) {
            return HttpResponse.ok(answer.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /**
     * {@code POST /v1/orgs}: a SIMULATED sign-up with a key nobody checks, so the renters' set-up (outside the
     * measured window) runs unchanged against the bare server.
     */
    @Controller
    static final class SignUpStub {

        static final String SIGNED_UP = "{\"organisation\":{\"id\":\"org_bare\",\"name\":\"SIMULATED (bare server)\"},"
                + "\"api_key\":{\"key\":\"assay_key_bare_unchecked\"}}";

        @Post(uri = "/v1/orgs", produces = MediaType.APPLICATION_JSON, consumes = MediaType.ALL)
        HttpResponse<String> signUp() {
            return HttpResponse.created(SIGNED_UP).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
