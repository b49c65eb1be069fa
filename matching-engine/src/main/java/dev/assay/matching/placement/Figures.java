package dev.assay.matching.placement;

import java.math.BigDecimal;

/** Numbers as the renter wrote them: 24 not 24.0, 0.98 not 0.9800000001. */
final class Figures {

    private Figures() {
    }

    /** "1 lacks" / "812 lack": a count of hosts with its verb agreeing. */
    static String count(int hosts, String verbForOne, String verbForMany) {
        return hosts + " " + (hosts == 1 ? verbForOne : verbForMany);
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
