package dev.assay.api.accounts;

import static dev.assay.api.accounts.AccountsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.accounts.AccountsHttp.SignedUp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Racing requests: the database decides, nobody gets a 500, and the guards hold. */
@MicronautTest(transactional = false)
class AccountsConcurrencyTest {

    @Inject
    EmbeddedServer server;

    @Test
    void racingSignUpsWithOneNewEmailEndWithOneUserAndNo500() throws Exception {
        AccountsHttp http = new AccountsHttp(server);
        String email = "race-" + System.nanoTime() + "@example.com";

        List<HttpResponse<String>> answers = race(10,
                () -> http.post("/v1/orgs", null, "{\"name\":\"Race\",\"owner_email\":\"" + email + "\"}"));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(201, 409));
        List<String> owners = answers.stream().filter(r -> r.statusCode() == 201)
                .map(r -> json(r).path("owner").path("user_id").asText()).distinct().toList();
        assertThat(owners).hasSize(1);
    }

    @Test
    void racingRevocationsOfTheLastTwoOwnerKeysLeaveOneActive() throws Exception {
        AccountsHttp http = new AccountsHttp(server);
        for (int round = 0; round < 20; round++) {
            SignedUp org = http.signUp("Owners " + round);
            String spare = http.createKey(org.key(), "spare", "owner", "read", "pods", "hosts", "billing");
            String spareId = spare.substring("assay_".length(), spare.lastIndexOf('_'));
            List<Supplier<HttpResponse<String>>> calls = List.of(
                    () -> http.delete("/v1/api-keys/" + spareId, org.key()),
                    () -> http.delete("/v1/api-keys/" + org.keyId(), spare));

            List<HttpResponse<String>> answers = race(calls);

            assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(204, 401, 409));
            assertThat(answers).filteredOn(r -> r.statusCode() == 204).hasSize(1);
            boolean originalWorks = http.get("/v1/orgs/me", org.key()).statusCode() == 200;
            boolean spareWorks = http.get("/v1/orgs/me", spare).statusCode() == 200;
            assertThat(originalWorks ^ spareWorks).as("exactly one owner key left active").isTrue();
        }
    }

    private static List<HttpResponse<String>> race(int n, Supplier<HttpResponse<String>> call) throws Exception {
        List<Supplier<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return race(calls);
    }

    private static List<HttpResponse<String>> race(List<Supplier<HttpResponse<String>>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Supplier<HttpResponse<String>> call : calls) {
                Callable<HttpResponse<String>> task = () -> {
                    start.await();
                    return call.get();
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
