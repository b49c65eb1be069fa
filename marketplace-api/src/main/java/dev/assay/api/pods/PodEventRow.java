package dev.assay.api.pods;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code pod_events} (persistence only): inserted, never updated. */
@Entity
@Immutable
@Table(name = "pod_events")
// Public getters: Micronaut Data introspects entities as beans.
class PodEventRow {

    @Id
    @Column(name = "id", length = 40, updatable = false)
    private String id;

    @Column(name = "pod_id", nullable = false, length = 40, updatable = false)
    private String podId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Column(name = "from_state", length = 16, updatable = false)
    private String fromState;

    @Column(name = "to_state", nullable = false, length = 16, updatable = false)
    private String toState;

    @Column(name = "reason", nullable = false, length = 500, updatable = false)
    private String reason;

    @Column(name = "at", nullable = false, updatable = false)
    private Instant at;

    protected PodEventRow() {}

    PodEventRow(String id, String podId, PodEvent event) {
        this.id = id;
        this.podId = podId;
        this.seq = event.seq();
        this.fromState = event.from() == null ? null : event.from().name();
        this.toState = event.to().name();
        this.reason = event.reason();
        this.at = event.at();
    }

    PodEvent event() {
        return new PodEvent(seq, fromState == null ? null : PodState.valueOf(fromState), PodState.valueOf(toState),
                reason, at);
    }

    public String getId() {
        return id;
    }

    public String getPodId() {
        return podId;
    }

    public int getSeq() {
        return seq;
    }

    public String getFromState() {
        return fromState;
    }

    public String getToState() {
        return toState;
    }

    public String getReason() {
        return reason;
    }

    public Instant getAt() {
        return at;
    }
}
