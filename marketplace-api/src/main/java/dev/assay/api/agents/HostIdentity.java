package dev.assay.api.agents;

import io.grpc.Context;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which machine of which organisation is calling, as its client certificate says. The TLS layer has already
 * checked that the certificate chains to the agent CA and is in date; this reads the names the CA wrote into it
 * at enrollment, and nothing the agent says about itself. {@code key} is the certificate's public key: what the
 * host's benchmark reports must be signed with.
 */
record HostIdentity(String hostId, String orgId, PublicKey key) {

    /** Set by {@link HostCertificateInterceptor} for every call that needs a host. */
    static final Context.Key<HostIdentity> CURRENT = Context.key("assay-host-identity");

    private static final Pattern SUBJECT = Pattern.compile("CN=(hst_[0-9a-z]{26}),O=(org_[0-9A-Za-z_]{1,60})");
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** The identity in a host certificate; empty for any other certificate (the server's, a CA's, a stranger's). */
    static Optional<HostIdentity> of(X509Certificate certificate) {
        Matcher subject = SUBJECT.matcher(certificate.getSubjectX500Principal().getName());
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (!subject.matches() || usages == null || !usages.contains(CLIENT_AUTH)
                    || certificate.getBasicConstraints() != -1) {
                return Optional.empty();
            }
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        return Optional.of(new HostIdentity(subject.group(1), subject.group(2), certificate.getPublicKey()));
    }
}
