package dev.assay.loadgen.renters;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a SIMULATED renter does in one step of its loop; {@link #reportName()} is the operation's row in the load
 * report. Operations that place or end pods cost money, so they need renters whose organisations were credited.
 */
public enum RenterOperation {
    /** {@code GET /v1/offers?q=…}: a search in the query language. */
    SEARCH("search", false),
    /** {@code GET /v1/offers/{id}}: one offer in depth. */
    OFFER("offer", false),
    /** {@code POST /v1/pods}: an on-demand pod, on an offer seen in a search or by requirements. */
    CREATE_POD("create_pod", true),
    /** {@code POST /v1/pods/{id}/stop}: one of the renter's own pods. */
    STOP_POD("stop_pod", true),
    /** {@code POST /v1/pods} of type INTERRUPTIBLE: a bid around the host's minimum bid. */
    BID("bid", true);

    private final String reportName;
    private final boolean needsCredit;

    RenterOperation(String reportName, boolean needsCredit) {
        this.reportName = reportName;
        this.needsCredit = needsCredit;
    }

    public String reportName() {
        return reportName;
    }

    /** Whether the renter's organisation must hold credit (placing a pod is refused without it). */
    public boolean needsCredit() {
        return needsCredit;
    }

    /** The operation named {@code name} as the report and {@code --mix} spell it. */
    public static RenterOperation named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (RenterOperation op : values()) {
            if (op.reportName.equals(wanted)) {
                return op;
            }
        }
        throw new IllegalArgumentException("--mix: unknown operation '" + name + "'; expected one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(RenterOperation::reportName).collect(Collectors.joining(", "));
    }
}
