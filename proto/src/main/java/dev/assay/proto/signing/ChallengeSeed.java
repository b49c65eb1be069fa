package dev.assay.proto.signing;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;

/**
 * The challenge's seed on the wire: {@code Challenge.seed} carries the 64-bit seed of the reputation module's
 * {@code ChallengeSpec} as 8 bytes, big-endian.
 */
public final class ChallengeSeed {

    private ChallengeSeed() {}

    public static ByteString toBytes(long seed) {
        return ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    }

    /** @throws IllegalArgumentException if the bytes are not exactly 8 */
    public static long fromBytes(ByteString bytes) {
        if (bytes.size() != Long.BYTES) {
            throw new IllegalArgumentException("a challenge seed is 8 bytes, was " + bytes.size());
        }
        return bytes.asReadOnlyByteBuffer().getLong();
    }
}
