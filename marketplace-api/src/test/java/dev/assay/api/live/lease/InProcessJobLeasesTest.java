package dev.assay.api.live.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The embedded default's leases: one instance, always the leader, one token per job for the process's life. */
class InProcessJobLeasesTest {

    private static final String INSTANCE = "ins_embedded";
    private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void everyJobIsGrantedToThisInstanceAndRenewingKeepsItsToken() {
        InProcessJobLeases leases = new InProcessJobLeases(INSTANCE, InstantSource.fixed(STARTED));

        Lease first = leases.acquire("metering").orElseThrow();
        Lease renewed = leases.acquire("metering").orElseThrow();

        assertThat(first.job()).isEqualTo("metering");
        assertThat(first.holder()).isEqualTo("ins_embedded");
        assertThat(renewed).isEqualTo(first);
    }

    @Test
    void eachJobHasATokenOfItsOwn() {
        InProcessJobLeases leases = new InProcessJobLeases(INSTANCE, InstantSource.fixed(STARTED));

        long metering = leases.acquire("metering").orElseThrow().fencingToken();
        long expiry = leases.acquire("offer-expiry").orElseThrow().fencingToken();

        assertThat(expiry).isNotEqualTo(metering);
        assertThat(leases.acquire("offer-expiry").orElseThrow().fencingToken()).isEqualTo(expiry);
    }

    @Test
    void aRestartedInstanceHoldsHigherTokensThanItsFormerSelfSoTheStoredFencesDoNotRefuseIt() {
        InProcessJobLeases before = new InProcessJobLeases(INSTANCE, InstantSource.fixed(STARTED));
        long old = before.acquire("metering").orElseThrow().fencingToken();
        for (int job = 0; job < 100; job++) {
            before.acquire("job-" + job);
        }

        InProcessJobLeases after = new InProcessJobLeases("ins_restarted",
                InstantSource.fixed(STARTED.plusSeconds(1)));

        assertThat(after.acquire("metering").orElseThrow().fencingToken()).isGreaterThan(old);
    }

    @Test
    void aJobNameThatTheFenceTableCannotHoldIsRefused() {
        InProcessJobLeases leases = new InProcessJobLeases(INSTANCE, InstantSource.fixed(STARTED));

        assertThatThrownBy(() -> leases.acquire("Metering Pass")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> leases.acquire("x".repeat(41))).isInstanceOf(IllegalArgumentException.class);
    }
}
