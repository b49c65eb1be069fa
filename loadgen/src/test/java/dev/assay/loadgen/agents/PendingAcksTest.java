package dev.assay.loadgen.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingAcksTest {

    @Test
    void anAckAnswersWhenItsHeartbeatWasSentOnce() {
        PendingAcks acks = new PendingAcks(4);
        assertThat(acks.sent(0, 1_000)).isEmpty();
        assertThat(acks.sent(1, 2_000)).isEmpty();

        assertThat(acks.acked(1)).hasValue(2_000);
        assertThat(acks.acked(1)).as("a duplicate ack").isEmpty();
        assertThat(acks.acked(9)).as("an ack for a heartbeat never sent").isEmpty();
        assertThat(acks.waiting(sent -> true)).isEqualTo(1);
        assertThat(acks.waiting(sent -> sent > 1_500)).as("only those sent when asked count").isZero();
    }

    @Test
    void aHeartbeatStillWaitingWhenItsSlotIsNeededIsGivenUp() {
        PendingAcks acks = new PendingAcks(4);
        for (long seq = 0; seq < 4; seq++) {
            assertThat(acks.sent(seq, 100 + seq)).isEmpty();
        }
        assertThat(acks.acked(1)).hasValue(101);

        assertThat(acks.sent(4, 104)).as("displaces 0, never acked: when 0 was sent").hasValue(100);
        assertThat(acks.sent(5, 105)).as("1 was acked: nothing displaced").isEmpty();
        assertThat(acks.acked(0)).as("too late: already counted as never coming").isEmpty();
    }
}
