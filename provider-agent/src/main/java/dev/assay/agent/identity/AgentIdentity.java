package dev.assay.agent.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Who this agent is to the marketplace, kept in its state directory: the host id, the private key (never sent
 * anywhere, owner-readable only), the certificate chain the marketplace signed, and the CA to trust for the
 * marketplace's own certificate. Written once by {@code enroll}; {@code run} reads it.
 */
public record AgentIdentity(String hostId, PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trust,
        Instant notAfter) {

    static final String HOST_ID = "host-id";
    static final String KEY = "agent.key.pem";
    static final String CHAIN = "agent.crt.pem";
    static final String TRUST = "ca.crt.pem";

    public AgentIdentity {
        chain = List.copyOf(chain);
        trust = List.copyOf(trust);
    }

    /** Whether {@code dir} already holds an identity (enrolling again would orphan the machine's host id). */
    public static boolean existsIn(Path dir) {
        return Files.exists(dir.resolve(HOST_ID)) || Files.exists(dir.resolve(KEY));
    }

    /** Writes the identity into {@code dir}, each file complete or not at all (written aside, then moved). */
    public void saveTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, KEY, pem(List.of(new JcaPKCS8Generator(key, null).generate())), true);
        write(dir, CHAIN, pem(new ArrayList<>(chain)), false);
        write(dir, TRUST, pem(new ArrayList<>(trust)), false);
        write(dir, HOST_ID, hostId + "\n", false);
    }

    public static AgentIdentity loadFrom(Path dir) throws IOException {
        String hostId = Files.readString(dir.resolve(HOST_ID), StandardCharsets.US_ASCII).strip();
        PrivateKey key;
        try (Reader in = Files.newBufferedReader(dir.resolve(KEY), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(in)) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        List<X509Certificate> chain = certificates(dir.resolve(CHAIN));
        return new AgentIdentity(hostId, key, chain, certificates(dir.resolve(TRUST)),
                chain.getFirst().getNotAfter().toInstant());
    }

    /** Every certificate in a PEM file, in order. */
    public static List<X509Certificate> certificates(Path pemFile) throws IOException {
        try (var in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + pemFile);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException("not a PEM certificate file: " + pemFile, e);
        }
    }

    private static String pem(List<Object> objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
        return text.toString();
    }

    private static void write(Path dir, String name, String content, boolean secret) throws IOException {
        Path aside = dir.resolve(name + ".tmp");
        try (Writer out = Files.newBufferedWriter(aside, StandardCharsets.US_ASCII)) {
            out.write(content);
        }
        if (secret) {
            try {
                Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the state directory's own protection applies
            }
        }
        Files.move(aside, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
