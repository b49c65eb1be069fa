package dev.assay.agent.session;

import com.google.protobuf.ByteString;
import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.identity.Enroller;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.CertificateIssued;
import dev.assay.proto.agent.v1.CertificateRenewal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host's certificate from running out: once less than a third of its lifetime is left, asks for a new
 * one over the stream with a fresh P-256 key (the key rotates with the certificate). The issued chain is saved
 * into the identity directory, each file written aside and moved into place, and used from the next connection
 * on: the stream that is open keeps the certificate it was opened with.
 *
 * <p>Holds the identity every new connection uses. Thread-safe.
 */
final class CertificateRenewer {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewer.class);

    private final Path identityDir;
    private final Clock clock;
    private final AtomicReference<AgentIdentity> identity;
    /** The key of the renewal asked for last, waiting for its certificate. */
    private final AtomicReference<KeyPair> pending = new AtomicReference<>();

    CertificateRenewer(AgentIdentity identity, Path identityDir, Clock clock) {
        this.identity = new AtomicReference<>(identity);
        this.identityDir = identityDir;
        this.clock = clock;
    }

    /** The identity a new connection presents. */
    AgentIdentity identity() {
        return identity.get();
    }

    /** True when less than a third of the host certificate's lifetime is left. */
    boolean due() {
        X509Certificate host = identity.get().chain().getFirst();
        Instant notBefore = host.getNotBefore().toInstant();
        Instant notAfter = host.getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        return left.compareTo(Duration.between(notBefore, notAfter).dividedBy(3)) < 0;
    }

    /** The renewal request to send when one is due (a new key each time: the latest one asked for wins). */
    Optional<AgentMessage> renewalIfDue() {
        if (!due()) {
            return Optional.empty();
        }
        KeyPair key = Enroller.newKeyPair();
        pending.set(key);
        LOG.info("event=certificate_renewal_requested host={} not_after={}", identity.get().hostId(),
                identity.get().notAfter());
        return Optional.of(AgentMessage.newBuilder().setCertificateRenewal(CertificateRenewal.newBuilder()
                .setCsrDer(ByteString.copyFrom(Enroller.csr(key)))).build());
    }

    /**
     * Saves the issued chain with the pending key. A chain for another key (a stale answer) or that does not chain
     * to the trusted CA is refused and the old identity kept.
     */
    void issued(CertificateIssued issued) {
        KeyPair key = pending.get();
        AgentIdentity current = identity.get();
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (ByteString der : issued.getCertificateChainDerList()) {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der.toByteArray())));
            }
            if (key == null || chain.isEmpty() || !chain.getFirst().getPublicKey().equals(key.getPublic())) {
                LOG.warn("event=certificate_refused host={} reason=\"not for the key this agent asked with\"",
                        current.hostId());
                return;
            }
            if (!signedByTrust(chain.getFirst(), current.trust())) {
                LOG.warn("event=certificate_refused host={} reason=\"not signed by the marketplace CA\"",
                        current.hostId());
                return;
            }
            AgentIdentity renewed = new AgentIdentity(current.hostId(), key.getPrivate(), chain, current.trust(),
                    chain.getFirst().getNotAfter().toInstant());
            renewed.saveTo(identityDir);
            identity.set(renewed);
            pending.compareAndSet(key, null);
            LOG.info("event=certificate_renewed host={} not_after={}", renewed.hostId(), renewed.notAfter());
        } catch (GeneralSecurityException | IOException e) {
            LOG.warn("event=certificate_refused host={} reason=\"{}\"", current.hostId(), e.getMessage());
        }
    }

    private static boolean signedByTrust(X509Certificate certificate, List<X509Certificate> trust) {
        for (X509Certificate anchor : trust) {
            try {
                certificate.verify(anchor.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // try the next anchor
            }
        }
        return false;
    }
}
