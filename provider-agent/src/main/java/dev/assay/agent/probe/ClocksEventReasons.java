package dev.assay.agent.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the bits of NVML's clocks-event (formerly "throttle") reason mask, so a report says
 * "SwPowerCap" rather than 0x4: a GPU held under its clocks by power or heat measures slower, and
 * the marketplace must be able to tell that from a slow GPU.
 */
final class ClocksEventReasons {

    private static final String[] NAMES = {
        "GpuIdle", "ApplicationsClocksSetting", "SwPowerCap", "HwSlowdown", "SyncBoost",
        "SwThermalSlowdown", "HwThermalSlowdown", "HwPowerBrakeSlowdown", "DisplayClockSetting",
    };

    private ClocksEventReasons() {}

    static List<String> decode(long mask) {
        List<String> reasons = new ArrayList<>();
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((mask & (1L << bit)) != 0) {
                reasons.add(NAMES[bit]);
            }
        }
        long unknown = mask & ~((1L << NAMES.length) - 1);
        if (unknown != 0) {
            reasons.add("Other(0x" + Long.toHexString(unknown) + ")");
        }
        if (reasons.isEmpty()) {
            reasons.add("None");
        }
        return List.copyOf(reasons);
    }
}
