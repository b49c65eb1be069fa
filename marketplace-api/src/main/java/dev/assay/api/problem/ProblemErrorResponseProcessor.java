package dev.assay.api.problem;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders every error response of the server as {@code application/problem+json}: those of our own exception
 * handlers and Micronaut's built-in ones alike (unknown route, wrong method, unsupported media type, body too
 * large, unreadable JSON). It replaces Micronaut's default processor, which gives way when another
 * {@link ErrorResponseProcessor} bean exists.
 *
 * <p>Two exceptions keep Micronaut's behaviour: a {@code HEAD} request gets no body, and a browser asking for
 * HTML (and not JSON) outside {@code /v1/} gets the HTML error page, so the console's users see a page.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    private final ProblemMapper mapper;
    private final HtmlErrorResponseBodyProvider html;
    private final JsonMapper json;

    ProblemErrorResponseProcessor(ProblemMapper mapper, HtmlErrorResponseBodyProvider html, JsonMapper json) {
        this.mapper = mapper;
        this.html = html;
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        MutableHttpResponse<Object> out = (MutableHttpResponse<Object>) response;
        if (request.getMethod() == HttpMethod.HEAD) {
            return out;
        }
        if (wantsHtmlPage(request)) {
            Object page = html.body(context, response);
            return out.body(page).contentType(html.contentType());
        }
        Problem problem = mapper.toProblem(context, response.code());
        Object body = bytes(problem);
        return out.body(body).contentType(Problem.MEDIA_TYPE);
    }

    private static boolean wantsHtmlPage(HttpRequest<?> request) {
        if (request.getPath().startsWith("/v1/") || request.getPath().equals("/v1")) {
            return false;
        }
        return request.accept().stream().anyMatch(t -> t.getName().equals(MediaType.TEXT_HTML))
                && request.accept().stream().noneMatch(t -> t.getName().equals(MediaType.APPLICATION_JSON)
                        || t.getName().endsWith("+json"));
    }

    private byte[] bytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (IOException e) {
            // A record of strings and ints always serialises; failing here is a broken build, not a request.
            throw new UncheckedIOException("cannot serialise a problem body", e);
        }
    }
}
