package dev.assay.proto.signing;

import com.google.protobuf.ByteString;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.Signature;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * How a {@link BenchmarkReport} is signed and checked, the same on both sides of the contract: SHA256withECDSA
 * (the host's enrolled P-256 key) over the report serialised with its {@code signature} field cleared. The
 * signed bytes include {@code host_id}, so a report signed by one host cannot be presented as another's, and
 * every figure, so none can be changed on the way.
 *
 * <p>Protobuf serialisation of this message is deterministic in practice (no maps; fields in number order;
 * unknown fields kept in the order read), which is what lets the verifier re-serialise what it parsed.
 */
public final class ReportSignature {

    /** The one algorithm the marketplace accepts. */
    public static final String ALGORITHM = "SHA256withECDSA";

    private ReportSignature() {}

    /** The report with its signature set, by {@code key}. */
    public static BenchmarkReport sign(BenchmarkReport report, PrivateKey key) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(key, "key");
        try {
            java.security.Signature signer = java.security.Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signedBytes(report));
            return report.toBuilder().setSignature(Signature.newBuilder().setAlgorithm(ALGORITHM)
                    .setValue(ByteString.copyFrom(signer.sign()))).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the report carries a {@value #ALGORITHM} signature by the holder of {@code key}'s private key. A
     * missing signature, another algorithm, a malformed signature or any changed byte answers false.
     */
    public static boolean verifies(BenchmarkReport report, PublicKey key) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(key, "key");
        if (!report.hasSignature() || !ALGORITHM.equals(report.getSignature().getAlgorithm())
                || report.getSignature().getValue().isEmpty()) {
            return false;
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes(report));
            return verifier.verify(report.getSignature().getValue().toByteArray());
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature value (not DER) or a key of another kind
        }
    }

    private static byte[] signedBytes(BenchmarkReport report) {
        return report.toBuilder().clearSignature().build().toByteArray();
    }
}
