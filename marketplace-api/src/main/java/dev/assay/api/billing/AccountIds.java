package dev.assay.api.billing;

import java.security.SecureRandom;

/**
 * Ids of accounts and transfers. An organisation's accounts have ids derived from the organisation
 * ({@code renter:<org>}, {@code host:<org>}), so opening one twice is a no-op and no lookup table is needed.
 */
final class AccountIds {

    static final String PLATFORM_REVENUE = "platform:revenue";
    static final String OPERATOR_FUNDING = "operator:funding";

    private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int TRANSFER_ID_CHARS = 26;

    private AccountIds() {}

    static String renter(String orgId) {
        return "renter:" + orgId;
    }

    static String host(String orgId) {
        return "host:" + orgId;
    }

    /** {@code tr_} and 130 random bits: ids reveal neither counts nor order. */
    static String newTransferId(SecureRandom random) {
        StringBuilder id = new StringBuilder("tr_");
        for (int i = 0; i < TRANSFER_ID_CHARS; i++) {
            id.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }
}
