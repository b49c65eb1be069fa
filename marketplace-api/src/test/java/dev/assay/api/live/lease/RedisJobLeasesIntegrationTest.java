package dev.assay.api.live.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.live.InstanceId;
import dev.assay.api.live.RedisLink;
import dev.assay.api.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Leases against a real Redis: two instances (this context's, and a second {@link RedisJobLeases} with another
 * holder on the same Redis) competing for the same jobs, under a key prefix of the test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisJobLeasesIntegrationTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private final String prefix = "assay-test-" + UUID.randomUUID().toString().substring(0, 8);
    private ApplicationContext context;
    private RedisLink redis;
    private JobLeases first;
    private JobLeases second;
    private final List<String> jobs = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        context = ApplicationContext.run(Map.of(
                "redis.uri", TestServices.redisUri(),
                "assay.live.key-prefix", prefix,
                "assay.live.lease-ttl", TTL.toMillis() + "ms",
                "datasources.default.url", "jdbc:h2:mem:lease-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "micronaut.server.port", -1,
                "grpc.server.enabled", false,
                "assay.metering.enabled", false), "test");
        redis = context.getBean(RedisLink.class);
        first = context.getBean(JobLeases.class);
        second = new RedisJobLeases(redis, "ins_second", TTL, prefix);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            redis.call("cleanup", c -> c.del(keysOfTheJobs()));
            context.close();
        }
    }

    @Test
    void theRedisImplementationIsTheOneInUseAndHoldsInThisInstancesName() {
        assertThat(first).isInstanceOf(RedisJobLeases.class);
        Lease lease = first.acquire(job()).orElseThrow();
        assertThat(lease.holder()).isEqualTo(context.getBean(InstanceId.class).value());
    }

    @Test
    void oneInstanceWinsTheOtherGetsNothingWhileItHolds() {
        String job = job();

        Optional<Lease> won = first.acquire(job);
        Optional<Lease> lost = second.acquire(job);

        assertThat(won).isPresent();
        assertThat(lost).isEmpty();
        assertThat(first.acquire(job)).as("still the leader").isPresent();
    }

    @Test
    void renewingKeepsTheTokenAndKeepsTheLeaseBeyondItsFirstTtl() throws Exception {
        String job = job();
        Lease lease = first.acquire(job).orElseThrow();
        Instant until = Instant.now().plus(TTL.multipliedBy(3));

        while (Instant.now().isBefore(until)) {
            assertThat(first.acquire(job)).contains(lease);
            assertThat(second.acquire(job)).isEmpty();
            Thread.sleep(TTL.toMillis() / 4);
        }
    }

    @Test
    void afterTheTtlLapsesTheOtherInstanceWinsWithAHigherToken() throws Exception {
        String job = job();
        Lease former = first.acquire(job).orElseThrow();

        Optional<Lease> next = pollUntilGranted(second, job, TTL.multipliedBy(10));

        assertThat(next).isPresent();
        assertThat(next.get().holder()).isEqualTo("ins_second");
        assertThat(next.get().fencingToken()).isGreaterThan(former.fencingToken());
        assertThat(first.acquire(job)).as("the former leader is out").isEmpty();
    }

    @Test
    void tokensKeepIncreasingAfterRedisLostItsKeys() {
        String job = job();
        long before = first.acquire(job).orElseThrow().fencingToken();

        // As after a restart of a Redis without persistence: the lease and the counter are gone.
        redis.call("test", c -> c.del(prefix + ":lease:" + job, prefix + ":fence:" + job));

        long after = second.acquire(job).orElseThrow().fencingToken();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void withRedisUnreachableNoLeaseIsGranted() {
        try (ApplicationContext unreachable = ApplicationContext.run(Map.of(
                "redis.uri", "redis://127.0.0.1:1",
                "assay.live.redis-timeout", "300ms",
                "datasources.default.url", "jdbc:h2:mem:lease-down-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "micronaut.server.port", -1,
                "grpc.server.enabled", false,
                "assay.metering.enabled", false), "test")) {
            JobLeases leases = unreachable.getBean(JobLeases.class);

            assertThat(leases.acquire("metering")).isEmpty();
            assertThat(leases.acquire("metering")).isEmpty();
        }
    }

    private static Optional<Lease> pollUntilGranted(JobLeases leases, String job, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        Optional<Lease> lease = leases.acquire(job);
        while (lease.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            lease = leases.acquire(job);
        }
        return lease;
    }

    /** A job of the test's own, remembered so its keys are deleted afterwards. */
    private String job() {
        String job = "job-" + UUID.randomUUID().toString().substring(0, 8);
        jobs.add(job);
        return job;
    }

    private String[] keysOfTheJobs() {
        return jobs.stream().flatMap(j -> Stream.of(prefix + ":lease:" + j, prefix + ":fence:" + j))
                .toArray(String[]::new);
    }
}
