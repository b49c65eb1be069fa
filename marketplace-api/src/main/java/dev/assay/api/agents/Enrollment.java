package dev.assay.api.agents;

import dev.assay.api.agents.AgentCertificateAuthority.HostCertificate;
import dev.assay.api.agents.AgentCertificateAuthority.UnusableCsr;
import dev.assay.api.hosts.EnrollmentRedemption;
import dev.assay.api.hosts.EnrollmentRedemption.Redeemed;
import dev.assay.api.market.MarketClock;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine joins the market: its one-time token is spent and its key gets a host certificate, in one
 * transaction, so a call that fails (unknown, spent or expired token; an unusable CSR; a certificate that cannot
 * be signed) spends nothing. The CSR is checked before the token is touched.
 */
@Singleton
class Enrollment {

    private static final Logger LOG = LoggerFactory.getLogger(Enrollment.class);

    /** What an enrollment answers. */
    sealed interface Outcome {
    }

    record Enrolled(String hostId, String orgId, HostCertificate certificate) implements Outcome {
    }

    /** The token is unknown, spent or expired; which of them is not said to the caller. */
    record TokenRefused() implements Outcome {
    }

    record CsrRefused(String reason) implements Outcome {
    }

    private final EnrollmentRedemption tokens;
    private final AgentCertificateAuthority authority;
    private final MarketClock clock;

    Enrollment(EnrollmentRedemption tokens, AgentCertificateAuthority authority, MarketClock clock) {
        this.tokens = tokens;
        this.authority = authority;
        this.clock = clock;
    }

    @Transactional
    Outcome enroll(String token, byte[] csrDer, String agentVersion, String hostname) {
        PublicKey key;
        try {
            key = authority.csrKey(csrDer);
        } catch (UnusableCsr e) {
            return new CsrRefused(e.getMessage());
        }
        Instant now = clock.now();
        Redeemed redeemed = tokens.redeem(token, now).orElse(null);
        if (redeemed == null) {
            return new TokenRefused();
        }
        HostCertificate certificate = authority.issueHost(key, redeemed.hostId(), redeemed.orgId(), now);
        LOG.info("event=agent_enrolled host={} org={} token={} agent_version=\"{}\" hostname=\"{}\" not_after={}",
                redeemed.hostId(), redeemed.orgId(), redeemed.tokenId(), printable(agentVersion), printable(hostname),
                certificate.notAfter());
        return new Enrolled(redeemed.hostId(), redeemed.orgId(), certificate);
    }

    /** Agent-supplied text goes to the log only as printable ASCII, cut short. */
    private static String printable(String text) {
        String cleaned = text == null ? "" : text.replaceAll("[^\\x20-\\x7E]", "?").replace('"', '\'');
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }
}
