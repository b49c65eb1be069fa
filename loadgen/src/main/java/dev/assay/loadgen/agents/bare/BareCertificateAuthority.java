package dev.assay.loadgen.agents.bare;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The bare server's throwaway CA, made at start and never stored but for its certificate ({@code ca.pem}, for the
 * swarm to trust): it signs the server's certificate (localhost, 127.0.0.1) and any CSR, with the same algorithms
 * and kinds of certificate as the marketplace's agent CA, so TLS costs the same on both sides of the comparison.
 */
final class BareCertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKey = newKeyPair();
    private final X509Certificate caCertificate;

    BareCertificateAuthority() {
        X500Name name = new X500Name("O=Assay loadgen,CN=Bare agent server CA (SIMULATED)");
        caCertificate = sign(name, name, caKey.getPublic(), new BasicConstraints(0),
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), null, null);
    }

    X509Certificate caCertificate() {
        return caCertificate;
    }

    /** Writes the CA certificate as {@code dir/ca.pem}; answers the file. */
    Path writeCaTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(caCertificate);
        }
        Path file = dir.resolve("ca.pem");
        Files.writeString(file, text.toString());
        return file;
    }

    /** The server's key and certificate, for the names the swarm dials. */
    record ServerIdentity(PrivateKey key, X509Certificate certificate) {}

    ServerIdentity serverIdentity() {
        KeyPair pair = newKeyPair();
        GeneralNames names = new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        return new ServerIdentity(pair.getPrivate(), sign(new X500Name("O=Assay loadgen,CN=localhost"),
                caName(), pair.getPublic(), new BasicConstraints(false), new KeyUsage(KeyUsage.digitalSignature),
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth), names));
    }

    /** A client certificate for {@code hostId} over the CSR's key (the CSR's own signature is checked). */
    X509Certificate issueHost(byte[] csrDer, String hostId) throws GeneralSecurityException {
        PublicKey key;
        try {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrDer));
            if (!csr.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new GeneralSecurityException("the CSR's signature does not verify with its own key");
            }
            key = csr.getPublicKey();
        } catch (IOException | OperatorCreationException | org.bouncycastle.pkcs.PKCSException
                 | RuntimeException e) {
            throw new GeneralSecurityException("not a PKCS#10 request: " + e.getMessage(), e);
        }
        // Same subject as the marketplace's, built in the same order: O=<organisation>, CN=<host id>.
        X500Name subject = new org.bouncycastle.asn1.x500.X500NameBuilder(org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE)
                .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.O, "bare")
                .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, hostId).build();
        return sign(subject, caName(), key, new BasicConstraints(false),
                new KeyUsage(KeyUsage.digitalSignature), new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth), null);
    }

    private X500Name caName() {
        return X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
    }

    private X509Certificate sign(X500Name subject, X500Name issuer, PublicKey key, BasicConstraints constraints,
            KeyUsage usage, ExtendedKeyUsage extendedUsage, GeneralNames alternatives) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, key)
                    .addExtension(Extension.basicConstraints, true, constraints)
                    .addExtension(Extension.keyUsage, true, usage);
            if (extendedUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, extendedUsage);
            }
            if (alternatives != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(caKey.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("the bare CA could not sign a certificate", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required of every JVM", e);
        }
    }
}
