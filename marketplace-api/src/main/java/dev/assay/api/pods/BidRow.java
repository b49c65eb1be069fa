package dev.assay.api.pods;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code bids} (persistence only): an interruptible pod's bid in its host's book. Inserted when the
 * bid first enters the book and deleted when it leaves; a changed bid is written with one UPDATE by
 * {@link HostBooks}, under the host's lock, so no entity copy is ever saved over it.
 */
@Entity
@Table(name = "bids")
// Public getters: Micronaut Data introspects entities as beans.
class BidRow {

    @Id
    @Column(name = "pod_id", length = 40)
    private String podId;

    @Column(name = "host_id", nullable = false, length = 40, updatable = false)
    private String hostId;

    @Column(name = "org_id", nullable = false, length = 40, updatable = false)
    private String orgId;

    @Column(name = "gpus", nullable = false)
    private int gpus;

    @Column(name = "bid_micros", nullable = false)
    private long bidMicros;

    @Column(name = "sequence", nullable = false)
    private long sequence;

    @Column(name = "placed_at", nullable = false, updatable = false)
    private Instant placedAt;

    protected BidRow() {}

    BidRow(String podId, String hostId, String orgId, int gpus, long bidMicros, long sequence, Instant placedAt) {
        this.podId = podId;
        this.hostId = hostId;
        this.orgId = orgId;
        this.gpus = gpus;
        this.bidMicros = bidMicros;
        this.sequence = sequence;
        this.placedAt = placedAt;
    }

    public String getPodId() {
        return podId;
    }

    public String getHostId() {
        return hostId;
    }

    public String getOrgId() {
        return orgId;
    }

    public int getGpus() {
        return gpus;
    }

    public long getBidMicros() {
        return bidMicros;
    }

    public long getSequence() {
        return sequence;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }
}
