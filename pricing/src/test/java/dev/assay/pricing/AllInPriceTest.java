package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AllInPriceTest {

    @Test
    void addsGpusAndStorage() {
        // 2 × 0.45 + ceil(0.10 × 100 / 730) = 0.90 + ceil(13,698.63 micros) = 0.913699
        assertThat(AllInPrice.perHour(Money.parse("0.45"), 2, Money.parse("0.10"), 100))
                .isEqualTo(Money.parse("0.913699"));
    }

    @Test
    void storageIsRoundedUpOnceForTheWholeDisk() {
        assertThat(AllInPrice.storagePerHour(Money.parse("0.073"), 1)).isEqualTo(Money.ofMicros(100));
        assertThat(AllInPrice.storagePerHour(Money.ofMicros(1), 1)).isEqualTo(Money.ofMicros(1));
        // Per-GB rounding would give 3 × 1 = 3 micros; whole-disk rounding gives ceil(3 / 730) = 1.
        assertThat(AllInPrice.storagePerHour(Money.ofMicros(1), 3)).isEqualTo(Money.ofMicros(1));
        assertThat(AllInPrice.storagePerHour(Money.parse("0.10"), 0)).isEqualTo(Money.ZERO);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> AllInPrice.perHour(Money.parse("0.45"), 0, Money.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpus");
        assertThatThrownBy(() -> AllInPrice.perHour(Money.ofMicros(-1), 1, Money.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpuPricePerGpuHour");
        assertThatThrownBy(() -> AllInPrice.perHour(Money.ZERO, 1, Money.ofMicros(-1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("storagePricePerGbMonth");
        assertThatThrownBy(() -> AllInPrice.perHour(Money.ZERO, 1, Money.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diskGb");
    }

    @Test
    void overflowThrows() {
        assertThatThrownBy(() -> AllInPrice.perHour(Money.ofMicros(Long.MAX_VALUE / 2), 3, Money.ZERO, 0))
                .isInstanceOf(ArithmeticException.class);
    }

    /** The renter is never shown less than the storage will cost: 730 hours at the hourly price cover the month. */
    @Property
    void hourlyStorageNeverUnderstatesTheMonthlyPrice(@ForAll @LongRange(min = 0, max = 10_000_000) long microsPerGbMonth,
                                                      @ForAll @LongRange(min = 0, max = 1_000_000) long diskGb) {
        long hourly = AllInPrice.storagePerHour(Money.ofMicros(microsPerGbMonth), diskGb).micros();
        long monthly = microsPerGbMonth * diskGb;
        assertThat(hourly * AllInPrice.HOURS_PER_MONTH).isGreaterThanOrEqualTo(monthly);
        assertThat((hourly - 1) * AllInPrice.HOURS_PER_MONTH).isLessThan(monthly);
    }

    @Property
    void gpuPartIsExact(@ForAll @LongRange(min = 0, max = 100_000_000) long microsPerGpuHour,
                        @ForAll @IntRange(min = 1, max = 64) int gpus) {
        assertThat(AllInPrice.perHour(Money.ofMicros(microsPerGpuHour), gpus, Money.ZERO, 0).micros())
                .isEqualTo(microsPerGpuHour * gpus);
    }
}
