package dev.assay.loadgen.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingAcksTest {

    @Test
    void anAckAnswersWhenItsHeartbeatWasSentOnce() {
        PendingAcks acks = new PendingAcks(4);
        assertThat(acks.sent(0, 1_000)).isEqualTo(PendingAcks.NONE);
        assertThat(acks.sent(1, 2_000)).isEqualTo(PendingAcks.NONE);

        assertThat(acks.acked(1)).isEqualTo(2_000);
        assertThat(acks.acked(1)).as("a duplicate ack").isEqualTo(PendingAcks.NONE);
        assertThat(acks.acked(9)).as("an ack for a heartbeat never sent").isEqualTo(PendingAcks.NONE);
        assertThat(acks.waiting()).isEqualTo(1);
    }

    @Test
    void aHeartbeatStillWaitingWhenItsSlotIsNeededIsGivenUp() {
        PendingAcks acks = new PendingAcks(4);
        for (long seq = 0; seq < 4; seq++) {
            assertThat(acks.sent(seq, seq)).isEqualTo(PendingAcks.NONE);
        }
        assertThat(acks.acked(1)).isEqualTo(1);

        assertThat(acks.sent(4, 4)).as("displaces 0, never acked").isEqualTo(0);
        assertThat(acks.sent(5, 5)).as("1 was acked: nothing displaced").isEqualTo(PendingAcks.NONE);
        assertThat(acks.acked(0)).as("too late: already counted as never coming").isEqualTo(PendingAcks.NONE);
    }
}
