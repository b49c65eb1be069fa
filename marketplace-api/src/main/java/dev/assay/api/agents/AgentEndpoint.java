package dev.assay.api.agents;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.assay.api.market.MarketClock;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.EnrollRequest;
import dev.assay.proto.agent.v1.EnrollResponse;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * The agents' gRPC service ({@code assay.agent.v1.AgentService}): {@code Enroll}, and the {@code Connect} stream
 * over mutual TLS ({@link HostCertificateInterceptor} has checked the host certificate before a stream reaches
 * {@link #connect}).
 */
@Singleton
class AgentEndpoint extends AgentServiceGrpc.AgentServiceImplBase {

    /** A CSR is a few hundred bytes; anything far larger is not one. */
    static final int MAX_CSR_BYTES = 16 * 1024;

    private final Enrollment enrollment;
    private final AgentCertificateAuthority authority;
    private final AgentSessions sessions;
    private final AgentMessages messages;
    private final MarketClock clock;

    AgentEndpoint(Enrollment enrollment, AgentCertificateAuthority authority, AgentSessions sessions,
            AgentMessages messages, MarketClock clock) {
        this.enrollment = enrollment;
        this.authority = authority;
        this.sessions = sessions;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<MarketplaceMessage> responses) {
        HostIdentity host = HostIdentity.CURRENT.get();
        if (host == null) {
            // Only reachable if the interceptor were not installed: never serve a stream without an identity.
            throw Status.UNAUTHENTICATED.withDescription("no host certificate").asRuntimeException();
        }
        return new AgentConnection(host, responses, sessions, messages, clock::now);
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
        if (request.getCsrDer().size() > MAX_CSR_BYTES) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("csr_der is over " + MAX_CSR_BYTES
                    + " bytes; send the DER of a PKCS#10 request").asRuntimeException());
            return;
        }
        switch (enrollment.enroll(request.getEnrollmentToken(), request.getCsrDer().toByteArray(),
                request.getAgentVersion(), request.getHostname())) {
            case Enrollment.Enrolled enrolled -> {
                responses.onNext(EnrollResponse.newBuilder()
                        .setHostId(enrolled.hostId())
                        .addCertificateChainDer(der(enrolled.certificate().certificate()))
                        .addCertificateChainDer(der(authority.caCertificate()))
                        .setNotAfter(Timestamp.newBuilder().setSeconds(enrolled.certificate().notAfter().getEpochSecond()))
                        .addTrustAnchorsDer(der(authority.caCertificate()))
                        .build());
                responses.onCompleted();
            }
            case Enrollment.TokenRefused refused -> responses.onError(Status.UNAUTHENTICATED.withDescription(
                    "the enrollment token is unknown, already used or expired; the host owner creates a new one with"
                            + " POST /v1/hosts/enrollment-tokens").asRuntimeException());
            case Enrollment.CsrRefused refused -> responses.onError(Status.INVALID_ARGUMENT
                    .withDescription(refused.reason()).asRuntimeException());
        }
    }

    private static ByteString der(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate we signed cannot be encoded", e);
        }
    }
}
