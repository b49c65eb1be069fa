package dev.assay.api.metering;

import dev.assay.api.settings.PlatformSettings;
import jakarta.inject.Singleton;

/** The platform's fee on every charge, from the operator's setting {@value #SETTING} (basis points). */
@Singleton
class PlatformFee {

    static final String SETTING = "platform_fee_bps";

    private final PlatformSettings settings;

    PlatformFee(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Read at each metering, so an operator's change applies from the next period on. */
    int basisPoints() {
        String value = settings.all().get(SETTING);
        if (value == null) {
            throw new IllegalStateException("platform setting " + SETTING + " is missing (migration V1 seeds it)");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("platform setting " + SETTING + " is not a whole number: " + value, e);
        }
    }
}
