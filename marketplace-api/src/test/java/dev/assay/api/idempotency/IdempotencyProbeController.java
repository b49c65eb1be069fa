package dev.assay.api.idempotency;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only endpoints that count how often they run, so the tests can tell a replay from a second run. */
@Controller("/v1/idem-probe")
@Requires(property = "idem-probe.enabled", value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
class IdempotencyProbeController {

    private final Probe probe;

    IdempotencyProbeController(Probe probe) {
        this.probe = probe;
    }

    @Post("/things")
    HttpResponse<Thing> create(@Body ThingRequest request) {
        int id = probe.calls.incrementAndGet();
        return HttpResponse.created(new Thing(id, request.name()), URI.create("/v1/idem-probe/things/" + id));
    }

    @Post("/slow")
    HttpResponse<Thing> slow(@Body ThingRequest request) throws InterruptedException {
        int id = probe.calls.incrementAndGet();
        probe.entered.countDown();
        if (!probe.release.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the slow request");
        }
        return HttpResponse.created(new Thing(id, request.name()));
    }

    @Post("/flaky")
    HttpResponse<Thing> flaky(@Body ThingRequest request) {
        int id = probe.calls.incrementAndGet();
        if (id == 1) {
            throw new IllegalStateException("first call fails");
        }
        return HttpResponse.created(new Thing(id, request.name()));
    }

    @Delete("/things/{id}")
    HttpResponse<?> delete(@PathVariable int id) {
        probe.calls.incrementAndGet();
        return HttpResponse.noContent();
    }

    @Serdeable
    record ThingRequest(String name) {}

    @Serdeable
    record Thing(int id, String name) {}

    /** Shared state between the test and the controller. */
    @Singleton
    @Requires(property = "idem-probe.enabled", value = "true")
    static final class Probe {
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(1);

        void reset() {
            calls.set(0);
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }
    }
}
