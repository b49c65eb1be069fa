package dev.assay.agent.identity;

import com.google.protobuf.ByteString;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.EnrollRequest;
import dev.assay.proto.agent.v1.EnrollResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Joins this machine to the market: makes a key pair that never leaves the host, sends its CSR with the owner's
 * one-time token to {@code AgentService.Enroll} over TLS that trusts only the marketplace's agent CA, and checks
 * that what comes back is a certificate for that very key signed by that CA before keeping it.
 */
public final class Enroller {

    /** Why an enrollment did not happen, in words for the host owner. */
    public static final class EnrollmentFailed extends Exception {
        private final boolean refused;

        EnrollmentFailed(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        /** True when the marketplace answered no (token, CSR); false when it could not be reached. */
        public boolean refused() {
            return refused;
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String target;
    private final X509Certificate marketplaceCa;

    /** @param target {@code host:port} of the marketplace's agents' gRPC port */
    public Enroller(String target, X509Certificate marketplaceCa) {
        this.target = target;
        this.marketplaceCa = marketplaceCa;
    }

    public AgentIdentity enroll(String token, String agentVersion, String hostname) throws EnrollmentFailed {
        KeyPair key = newKeyPair();
        ManagedChannel channel = channel();
        try {
            EnrollResponse response = AgentServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .enroll(EnrollRequest.newBuilder().setEnrollmentToken(token).setCsrDer(ByteString.copyFrom(csr(key)))
                            .setAgentVersion(agentVersion).setHostname(hostname).build());
            return verified(response, key);
        } catch (StatusRuntimeException e) {
            boolean refused = switch (e.getStatus().getCode()) {
                case UNAUTHENTICATED, INVALID_ARGUMENT, PERMISSION_DENIED -> true;
                default -> false;
            };
            throw new EnrollmentFailed((refused ? "the marketplace refused the enrollment: " : "cannot enroll at "
                    + target + ": ") + e.getStatus().getCode() + " (" + why(e) + ")", refused);
        } finally {
            channel.shutdownNow();
        }
    }

    /** The reason in words: the transport's own description is for developers (pipelines, handler names). */
    private static String why(StatusRuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLHandshakeException) {
                return "TLS handshake failed: the marketplace's certificate does not chain to --ca-cert, or the"
                        + " name dialled is not one it covers";
            }
            if (cause instanceof java.net.ConnectException) {
                return "nothing answers there";
            }
        }
        String description = e.getStatus().getDescription();
        return description == null ? "no detail" : description.lines().findFirst().orElse("no detail");
    }

    private AgentIdentity verified(EnrollResponse response, KeyPair key) throws EnrollmentFailed {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (ByteString der : response.getCertificateChainDerList()) {
                chain.add(x509(der));
            }
            List<X509Certificate> trust = new ArrayList<>();
            for (ByteString der : response.getTrustAnchorsDerList()) {
                trust.add(x509(der));
            }
            if (chain.isEmpty() || !chain.getFirst().getPublicKey().equals(key.getPublic())) {
                throw new EnrollmentFailed("the marketplace answered a certificate for another key", false);
            }
            chain.getFirst().verify(marketplaceCa.getPublicKey());
            chain.getFirst().checkValidity();
            String subject = chain.getFirst().getSubjectX500Principal().getName();
            if (!subject.startsWith("CN=" + response.getHostId() + ",")) {
                throw new EnrollmentFailed("the certificate names " + subject + ", not host " + response.getHostId(),
                        false);
            }
            return new AgentIdentity(response.getHostId(), key.getPrivate(), chain,
                    trust.isEmpty() ? List.of(marketplaceCa) : trust,
                    Instant.ofEpochSecond(response.getNotAfter().getSeconds()));
        } catch (GeneralSecurityException e) {
            throw new EnrollmentFailed("the certificate the marketplace answered does not verify against its CA: "
                    + e.getMessage(), false);
        }
    }

    private ManagedChannel channel() throws EnrollmentFailed {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new EnrollmentFailed("--marketplace must be host:port, was '" + target + "'", true);
        }
        try {
            return NettyChannelBuilder.forAddress(target.substring(0, colon),
                            Integer.parseInt(target.substring(colon + 1)))
                    .sslContext(GrpcSslContexts.forClient().trustManager(marketplaceCa).build())
                    .build();
        } catch (NumberFormatException e) {
            throw new EnrollmentFailed("--marketplace must be host:port, was '" + target + "'", true);
        } catch (SSLException e) {
            throw new EnrollmentFailed("TLS cannot be set up: " + e.getMessage(), false);
        }
    }

    /** A DER PKCS#10 request for {@code key}; the marketplace names the host itself (enrollment and renewal). */
    public static byte[] csr(KeyPair key) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=assay-agent"), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("a CSR cannot be made on this JVM", e);
        }
    }

    /** A fresh P-256 key pair, made on this host and never sent anywhere. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required of every JVM", e);
        }
    }

    private static X509Certificate x509(ByteString der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
    }
}
