package dev.assay.api.agents;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The marketplace's certificate authority for agents. Its key and certificate live in {@code ca-dir}
 * ({@code ca.key.pem}, owner-readable only, and {@code ca.crt.pem}) and are created there on first start, so a
 * restart keeps every agent's certificate valid; instances of one marketplace share the directory (a mounted
 * secret). It signs two kinds of certificate:
 * <ul>
 *   <li>a host's, from the host's CSR at enrollment: subject {@code CN=<host id>, O=<organisation id>}, client
 *   authentication only, short-lived (renewed over the stream), so the certificate alone says which machine of
 *   which organisation is calling, and the key never leaves the host;</li>
 *   <li>the gRPC server's own, for the names agents dial, with a key made at start.</li>
 * </ul>
 */
@Singleton
public class AgentCertificateAuthority {

    /** Keys a CSR may hold: EC on P-256 or P-384, or RSA of at least this many bits. */
    static final int MIN_RSA_BITS = 2048;

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** The server's certificate is made at every start; an instance runs far shorter than this. */
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);
    /** Clocks of hosts drift; a certificate is valid from a little before it is issued. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Duration hostValidity;

    AgentCertificateAuthority(@Value("${assay.agents.ca-dir:}") String caDir,
            @Value("${assay.data-dir:data}") String dataDir,
            @Value("${assay.agents.certificate-hours:24}") int certificateHours) {
        if (certificateHours < 1 || certificateHours > 24 * 30) {
            throw new IllegalArgumentException("assay.agents.certificate-hours must be 1 to 720, was " + certificateHours);
        }
        this.hostValidity = Duration.ofHours(certificateHours);
        Path dir = caDir.isBlank() ? Path.of(dataDir, "agent-ca") : Path.of(caDir);
        this.directory = dir;
        Path keyFile = dir.resolve("ca.key.pem");
        Path certFile = dir.resolve("ca.crt.pem");
        try {
            if (!Files.exists(keyFile) || !Files.exists(certFile)) {
                create(dir, keyFile, certFile);
            }
            this.caKey = readKey(keyFile);
            this.caCertificate = readCertificate(certFile);
        } catch (IOException e) {
            throw new UncheckedIOException("the agent CA in " + dir + " cannot be read or created", e);
        }
    }

    /** Where the CA's key and certificate are kept. */
    public Path directory() {
        return directory;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A host's certificate, issued from its CSR. */
    public record HostCertificate(X509Certificate certificate, Instant notAfter) {}

    /** A CSR that cannot be used: not DER, a bad self-signature, or a key too weak. */
    public static final class UnusableCsr extends Exception {
        UnusableCsr(String message) {
            super(message);
        }
    }

    /** Parses and checks a CSR before anything is spent on it. */
    public PublicKey csrKey(byte[] csrDer) throws UnusableCsr {
        JcaPKCS10CertificationRequest csr;
        try {
            csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrDer));
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new UnusableCsr("the CSR's signature does not verify with its own key");
            }
            PublicKey key = csr.getPublicKey();
            switch (key) {
                case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() >= 256 -> {
                    return key;
                }
                case RSAPublicKey rsa when rsa.getModulus().bitLength() >= MIN_RSA_BITS -> {
                    return key;
                }
                default -> throw new UnusableCsr("the CSR's key must be EC (P-256 or larger) or RSA of "
                        + MIN_RSA_BITS + " bits or more, was " + key.getAlgorithm());
            }
        } catch (IOException | RuntimeException | GeneralSecurityException | OperatorCreationException
                 | PKCSException e) {
            throw new UnusableCsr("not a DER-encoded PKCS#10 certificate signing request");
        }
    }

    /** Signs a client certificate for {@code hostId} of {@code orgId} over {@code key}, valid from {@code now}. */
    public HostCertificate issueHost(PublicKey key, String hostId, String orgId, Instant now) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, orgId)
                .addRDN(BCStyle.CN, hostId).build();
        Instant notAfter = now.plus(hostValidity);
        X509Certificate certificate = sign(subject, key, now, notAfter, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth), null);
        return new HostCertificate(certificate, notAfter);
    }

    /** A key and certificate for the gRPC server, valid for {@code names} (DNS names or IP addresses). */
    public record ServerIdentity(PrivateKey key, X509Certificate certificate) {}

    public ServerIdentity serverIdentity(List<String> names, Instant now) {
        KeyPair pair = newKeyPair();
        GeneralName[] alternatives = names.stream()
                .map(n -> n.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*")
                        ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Assay")
                .addRDN(BCStyle.CN, names.getFirst()).build();
        return new ServerIdentity(pair.getPrivate(), sign(subject, pair.getPublic(), now, now.plus(SERVER_VALIDITY),
                false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth), new GeneralNames(alternatives)));
    }

    private X509Certificate sign(X500Name subject, PublicKey key, Instant now, Instant notAfter, boolean ca,
            ExtendedKeyUsage usage, GeneralNames alternatives) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, usage)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
            if (alternatives != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
            return certificate(builder.build(signer(caKey)));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("the agent CA could not sign a certificate", e);
        }
    }

    private static void create(Path dir, Path keyFile, Path certFile) throws IOException {
        Files.createDirectories(dir);
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Assay")
                .addRDN(BCStyle.CN, "Assay agent CA").build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = certificate(builder.build(signer(pair.getPrivate())));
            write(keyFile, new JcaPKCS8Generator(pair.getPrivate(), null).generate());
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            write(certFile, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the agent CA could not be created", e);
        }
    }

    private static void write(Path file, Object pem) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pem);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            return certificate((X509CertificateHolder) parser.readObject());
        } catch (GeneralSecurityException e) {
            throw new IOException("not a certificate: " + file, e);
        }
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(SIGNATURE + " is not available", e);
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

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }
}
