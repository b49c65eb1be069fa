package dev.assay.api.accounts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets a controller declare {@code Caller caller}: binds the caller the {@link AuthenticationFilter} resolved.
 * A controller that takes a {@code Caller} is always authenticated, even on a public path: with no caller the
 * request answers 401 before the controller runs. Public routes where a key is optional read
 * {@link Callers#of(HttpRequest)} instead.
 */
@Singleton
final class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = Callers.of(source).orElseThrow(() -> new ApiProblem(ProblemType.UNAUTHENTICATED,
                "this request needs an API key: send 'Authorization: Bearer <key>'"));
        return () -> Optional.of(caller);
    }
}
