package dev.assay.agent.session;

import dev.assay.agent.identity.AgentIdentity;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** A throwaway agent CA: the marketplace's server certificate, hosts' client certificates, renewals of CSRs. */
final class TestPki {

    final KeyPair caKey = keyPair();
    final X509Certificate ca;
    private final AtomicLong serial = new AtomicLong(1);

    TestPki() {
        X500Name name = new X500Name("CN=Test agent CA");
        ca = build(name, caKey.getPublic(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400),
                true, false);
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A host identity whose certificate is valid from {@code notBefore} to {@code notAfter}. */
    AgentIdentity identity(String hostId, Instant notBefore, Instant notAfter) {
        KeyPair key = keyPair();
        X509Certificate certificate = build(new X500Name("CN=" + hostId + ",O=test"), key.getPublic(), notBefore,
                notAfter, false, false);
        return new AgentIdentity(hostId, key.getPrivate(), List.of(certificate, ca), List.of(ca),
                notAfter);
    }

    AgentIdentity identity(String hostId) {
        return identity(hostId, Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
    }

    /** The marketplace's own certificate, for localhost. */
    X509Certificate server(KeyPair key) {
        return build(new X500Name("CN=localhost"), key.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400), false, true);
    }

    /** What the marketplace does with a CertificateRenewal: a certificate for the CSR's key. */
    X509Certificate renew(byte[] csrDer, String hostId) {
        try {
            PublicKey key = new JcaPKCS10CertificationRequest(csrDer).getPublicKey();
            return build(new X500Name("CN=" + hostId + ",O=test"), key, Instant.now().minusSeconds(60),
                    Instant.now().plusSeconds(30L * 86_400), false, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate build(X500Name subject, PublicKey key, Instant notBefore, Instant notAfter, boolean isCa,
            boolean server) {
        try {
            org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test agent CA"),
                    BigInteger.valueOf(serial.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
