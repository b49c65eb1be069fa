package dev.assay.api.hosts;

import dev.assay.api.sql.NativeColumns;
import dev.assay.reputation.reliability.HostAvailability;
import dev.assay.reputation.reliability.HostFailure;
import dev.assay.reputation.reliability.ObservedInterval;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import dev.assay.reputation.reliability.ReliabilityModel;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence the reliability model reads for a machine with an agent: the intervals it was ONLINE or OFFLINE
 * ({@code host_presence}, one open interval per host) and its host-caused pod failures ({@code host_failures}).
 * Each method joins the caller's transaction; {@link HostRegistry} calls it.
 */
@Singleton
class HostPresence {

    /** How far back an estimate reads: the model's half-life is 7 days, so older evidence weighs little. */
    static final Duration HISTORY = Duration.ofDays(30);

    private final EntityManager entityManager;
    private final ReliabilityModel model = ReliabilityModel.withDefaults();

    HostPresence(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Ends the host's open interval at {@code now} and opens one of {@code availability}; a no-op if it holds. */
    @Transactional
    void enter(String hostId, HostAvailability availability, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> open = entityManager.createNativeQuery("SELECT availability FROM host_presence"
                + " WHERE host_id = :h AND ended_at IS NULL").setParameter("h", hostId).getResultList();
        if (!open.isEmpty() && open.getFirst().equals(availability.name())) {
            return;
        }
        entityManager.createNativeQuery("UPDATE host_presence SET ended_at = :now WHERE host_id = :h AND ended_at IS NULL")
                .setParameter("now", now).setParameter("h", hostId).executeUpdate();
        // Two changes in the same instant leave an empty interval: it is no evidence, and it holds the key.
        entityManager.createNativeQuery("DELETE FROM host_presence WHERE host_id = :h AND started_at = :now")
                .setParameter("now", now).setParameter("h", hostId).executeUpdate();
        entityManager.createNativeQuery("INSERT INTO host_presence (host_id, started_at, ended_at, availability)"
                        + " VALUES (:h, :now, NULL, :a)")
                .setParameter("h", hostId).setParameter("now", now).setParameter("a", availability.name())
                .executeUpdate();
    }

    /** Whether the host keeps a presence history (machines with agents do; the demo fleet does not). */
    @Transactional(readOnly = true)
    boolean tracked(String hostId) {
        return !entityManager.createNativeQuery("SELECT 1 FROM host_presence WHERE host_id = :h")
                .setParameter("h", hostId).setMaxResults(1).getResultList().isEmpty();
    }

    /** Hosts with a presence history whose row says ONLINE. */
    @Transactional(readOnly = true)
    List<String> trackedOnline() {
        @SuppressWarnings("unchecked")
        List<String> ids = entityManager.createNativeQuery("SELECT h.id FROM hosts h WHERE h.status = 'ONLINE'"
                + " AND EXISTS (SELECT 1 FROM host_presence p WHERE p.host_id = h.id)").getResultList();
        return ids;
    }

    /** Records a pod failure the host caused (the reason is cut to the column's 200 characters). */
    @Transactional
    void failure(String hostId, String reason, Instant now) {
        String cut = reason.length() > 200 ? reason.substring(0, 199) + "…" : reason;
        entityManager.createNativeQuery("INSERT INTO host_failures (id, host_id, occurred_at, reason)"
                        + " VALUES (:id, :h, :at, :r)")
                .setParameter("id", HostIds.next(HostIds.FAILURE)).setParameter("h", hostId).setParameter("at", now)
                .setParameter("r", cut).executeUpdate();
    }

    /** The model's estimate from the last {@link #HISTORY} of evidence, the open interval counted up to now. */
    @Transactional(readOnly = true)
    ReliabilityEstimate estimate(String hostId, Instant now) {
        Instant since = now.minus(HISTORY);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT started_at, ended_at, availability"
                        + " FROM host_presence WHERE host_id = :h AND (ended_at IS NULL OR ended_at > :since)")
                .setParameter("h", hostId).setParameter("since", since).getResultList();
        List<ObservedInterval> history = new ArrayList<>();
        for (Object[] row : rows) {
            Instant start = max(NativeColumns.instant(row[0]), since);
            Instant end = row[1] == null ? now : NativeColumns.instant(row[1]);
            if (end.isAfter(now)) {
                end = now;
            }
            if (start.isBefore(end)) {
                history.add(new ObservedInterval(start, end, HostAvailability.valueOf((String) row[2])));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> failed = entityManager.createNativeQuery("SELECT occurred_at, reason FROM host_failures"
                        + " WHERE host_id = :h AND occurred_at > :since AND occurred_at <= :now")
                .setParameter("h", hostId).setParameter("since", since).setParameter("now", now).getResultList();
        List<HostFailure> failures = failed.stream()
                .map(r -> new HostFailure(NativeColumns.instant(r[0]), (String) r[1])).toList();
        return model.estimate(history, failures, now);
    }

    /**
     * The model's estimate for a machine whose availability someone else observed (a SIMULATED fleet's
     * simulator keeps it; there is no agent to write {@code host_presence}), with the host's stored failures.
     */
    @Transactional(readOnly = true)
    ReliabilityEstimate estimate(String hostId, List<ObservedInterval> observed, Instant now) {
        Instant since = now.minus(HISTORY);
        @SuppressWarnings("unchecked")
        List<Object[]> failed = entityManager.createNativeQuery("SELECT occurred_at, reason FROM host_failures"
                        + " WHERE host_id = :h AND occurred_at > :since AND occurred_at <= :now")
                .setParameter("h", hostId).setParameter("since", since).setParameter("now", now).getResultList();
        List<HostFailure> failures = failed.stream()
                .map(r -> new HostFailure(NativeColumns.instant(r[0]), (String) r[1])).toList();
        return model.estimate(observed, failures, now);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
