package dev.assay.loadgen.agents.bare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.identity.Enroller;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline server holds the marketplace's line on identity: Enroll without a certificate, Connect only with one. */
class BareAgentServerTest {

    @TempDir
    Path dir;

    @Test
    void enrollNeedsNoCertificateAndGivesOneNamingTheHost() throws Exception {
        try (BareAgentServer server = BareAgentServer.start(0, dir, Duration.ofSeconds(10))) {
            X509Certificate ca = AgentIdentity.certificates(server.caFile()).getFirst();
            AgentIdentity identity = new Enroller("127.0.0.1:" + server.port(), ca).enroll("any", "test", "rig");

            assertThat(identity.hostId()).startsWith("hst_bare_");
            assertThat(identity.chain().getFirst().getSubjectX500Principal().getName())
                    .startsWith("CN=" + identity.hostId() + ",");
        }
    }

    @Test
    void aConnectWithoutAClientCertificateIsRefusedBeforeAnyWelcome() throws Exception {
        try (BareAgentServer server = BareAgentServer.start(0, dir, Duration.ofSeconds(10))) {
            X509Certificate ca = AgentIdentity.certificates(server.caFile()).getFirst();
            ManagedChannel anonymous = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(ca).build()).build();
            try {
                CompletableFuture<MarketplaceMessage> answer = new CompletableFuture<>();
                StreamObserver<AgentMessage> out = AgentServiceGrpc.newStub(anonymous).connect(new StreamObserver<>() {
                    @Override
                    public void onNext(MarketplaceMessage message) {
                        answer.complete(message);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new AssertionError("completed without a word"));
                    }
                });
                out.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setSimulated(true)).build());

                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                        .isInstanceOf(StatusRuntimeException.class)
                        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                                .isEqualTo(Status.Code.UNAUTHENTICATED));
                assertThat(server.connected()).isZero();
            } finally {
                anonymous.shutdownNow();
            }
        }
    }
}
