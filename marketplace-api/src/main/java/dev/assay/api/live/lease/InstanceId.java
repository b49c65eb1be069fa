package dev.assay.api.live.lease;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Random;

/**
 * This API instance among its peers: a random id made at start, so that a restarted instance is a new one (it
 * holds none of the leases, streams or routes of its former self). A bean; say it in logs and live state.
 */
public record InstanceId(String value) {

    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("an instance id is 1 to 64 characters, got '" + value + "'");
        }
    }

    /** A new id, {@code api-} and 12 random hex digits. */
    public static InstanceId random() {
        return random(new SecureRandom());
    }

    static InstanceId random(Random random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return new InstanceId("api-" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
