package dev.assay.loadgen.agents.bare;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.EnrollRequest;
import dev.assay.proto.agent.v1.EnrollResponse;
import dev.assay.proto.agent.v1.HeartbeatAck;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agents' contract with no marketplace behind it, the baseline of the agent-ingest benchmark: Enroll signs any
 * CSR (no token checked), Connect answers Hello with Welcome and each Heartbeat with its HeartbeatAck at once, and
 * ignores everything else. What is left is gRPC, TLS and protobuf: the least any implementation of the contract
 * pays per agent and per heartbeat.
 */
final class BareAgentService extends AgentServiceGrpc.AgentServiceImplBase {

    private final BareCertificateAuthority authority;
    private final Duration heartbeatInterval;
    private final boolean acks;
    private final AtomicLong hosts = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong connected = new AtomicLong();

    BareAgentService(BareCertificateAuthority authority, Duration heartbeatInterval, boolean acks) {
        this.authority = authority;
        this.heartbeatInterval = heartbeatInterval;
        this.acks = acks;
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
        String hostId = "hst_bare_" + hosts.incrementAndGet();
        try {
            X509Certificate issued = authority.issueHost(request.getCsrDer().toByteArray(), hostId);
            responses.onNext(EnrollResponse.newBuilder().setHostId(hostId)
                    .addCertificateChainDer(ByteString.copyFrom(issued.getEncoded()))
                    .addCertificateChainDer(ByteString.copyFrom(authority.caCertificate().getEncoded()))
                    .addTrustAnchorsDer(ByteString.copyFrom(authority.caCertificate().getEncoded()))
                    .setNotAfter(Timestamp.newBuilder().setSeconds(issued.getNotAfter().toInstant().getEpochSecond()))
                    .build());
            responses.onCompleted();
        } catch (GeneralSecurityException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<MarketplaceMessage> out) {
        String hostId = BareHostCertificates.CURRENT.get();
        return new StreamObserver<>() {
            private boolean welcomed;

            @Override
            public void onNext(AgentMessage message) {
                if (!welcomed) {
                    if (!message.hasHello()) {
                        out.onError(Status.FAILED_PRECONDITION.withDescription("the first message must be Hello")
                                .asRuntimeException());
                        return;
                    }
                    welcomed = true;
                    connected.incrementAndGet();
                    out.onNext(MarketplaceMessage.newBuilder().setWelcome(Welcome.newBuilder()
                            .setSessionId(UUID.randomUUID().toString()).setHostId(hostId)
                            .setHeartbeatIntervalMillis((int) heartbeatInterval.toMillis())).build());
                    return;
                }
                if (message.hasHeartbeat()) {
                    heartbeats.incrementAndGet();
                    if (!acks) {
                        return; // a marketplace from before HeartbeatAck
                    }
                    out.onNext(MarketplaceMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder()
                            .setSequence(message.getHeartbeat().getSequence())).build());
                }
            }

            @Override
            public void onError(Throwable t) {
                left();
            }

            @Override
            public void onCompleted() {
                left();
                out.onCompleted();
            }

            private void left() {
                if (welcomed) {
                    welcomed = false;
                    connected.decrementAndGet();
                }
            }
        };
    }
}
