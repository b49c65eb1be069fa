package dev.assay.proto.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.Measurement;
import dev.assay.proto.agent.v1.Signature;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class ReportSignatureTest {

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BenchmarkReport report(String hostId, double tflops) {
        return BenchmarkReport.newBuilder().setSuiteVersion("assay-bench/1").setHostId(hostId)
                .addGpus(GpuBenchmark.newBuilder().setIndex(0).addFigures(Measurement.newBuilder()
                        .setName("tensor_bf16_tflops").setValue(tflops).setUnit("TFLOP/s").setSamples(5)))
                .build();
    }

    @Test
    void aSignedReportVerifiesWithTheSignersKeyOnly() throws Exception {
        KeyPair host = p256();
        BenchmarkReport signed = ReportSignature.sign(report("hst_a", 165.2), host.getPrivate());

        assertThat(signed.getSignature().getAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(ReportSignature.verifies(signed, host.getPublic())).isTrue();
        assertThat(ReportSignature.verifies(signed, p256().getPublic())).isFalse();
        // Round trip through the wire: the verifier re-serialises what it parsed.
        assertThat(ReportSignature.verifies(BenchmarkReport.parseFrom(signed.toByteArray()), host.getPublic()))
                .isTrue();
    }

    @Test
    void anyChangeToASignedReportBreaksTheSignature() throws Exception {
        KeyPair host = p256();
        BenchmarkReport signed = ReportSignature.sign(report("hst_a", 165.2), host.getPrivate());

        BenchmarkReport raisedFigure = signed.toBuilder().setGpus(0, signed.getGpus(0).toBuilder()
                .setFigures(0, signed.getGpus(0).getFigures(0).toBuilder().setValue(330.4))).build();
        BenchmarkReport otherHost = signed.toBuilder().setHostId("hst_b").build();
        BenchmarkReport unsigned = signed.toBuilder().clearSignature().build();
        BenchmarkReport otherAlgorithm = signed.toBuilder().setSignature(signed.getSignature().toBuilder()
                .setAlgorithm("SHA1withECDSA")).build();
        BenchmarkReport garbage = signed.toBuilder().setSignature(Signature.newBuilder()
                .setAlgorithm("SHA256withECDSA").setValue(ByteString.copyFromUtf8("not a DER signature"))).build();

        for (BenchmarkReport forged : new BenchmarkReport[] {raisedFigure, otherHost, unsigned, otherAlgorithm, garbage}) {
            assertThat(ReportSignature.verifies(forged, host.getPublic())).isFalse();
        }
    }

    @Test
    void seedsTravelAsEightBigEndianBytes() {
        assertThat(ChallengeSeed.toBytes(42).toByteArray()).containsExactly(0, 0, 0, 0, 0, 0, 0, 42);
        assertThat(ChallengeSeed.fromBytes(ChallengeSeed.toBytes(-7L))).isEqualTo(-7L);
        assertThatThrownBy(() -> ChallengeSeed.fromBytes(ByteString.copyFrom(new byte[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bytes, was 3");
    }
}
