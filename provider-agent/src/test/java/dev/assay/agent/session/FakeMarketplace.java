package dev.assay.agent.session;

import static org.assertj.core.api.Assertions.fail;

import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.HeartbeatAck;
import dev.assay.proto.agent.v1.Welcome;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A marketplace for tests: a real gRPC server on localhost with mutual TLS (client certificates must chain to the
 * test CA). It records every AgentMessage, answers Hello with Welcome, and lets a test send MarketplaceMessages
 * or fail the stream.
 */
final class FakeMarketplace extends AgentServiceGrpc.AgentServiceImplBase implements AutoCloseable {

    final List<AgentMessage> received = new CopyOnWriteArrayList<>();
    volatile int heartbeatIntervalMillis = 50;
    /** Whether heartbeats get their HeartbeatAck (false: a marketplace from before acks, or one half gone). */
    volatile boolean ackHeartbeats;
    volatile boolean benchmarkRequested;
    /** An automatic answer to some agent messages (the renewal's CertificateIssued). */
    volatile Function<AgentMessage, Optional<MarketplaceMessage>> answers = m -> Optional.empty();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Streams the agent ended cleanly (half-closed). */
    final AtomicInteger completedByAgent = new AtomicInteger();
    private volatile StreamObserver<MarketplaceMessage> current;
    private final Server server;

    FakeMarketplace(TestPki pki) throws Exception {
        this(pki, 0);
    }

    FakeMarketplace(TestPki pki, int port) throws Exception {
        KeyPair key = TestPki.keyPair();
        SslContextBuilder tls = GrpcSslContexts.configure(SslContextBuilder.forServer(key.getPrivate(), pki.server(key)))
                .trustManager(pki.ca).clientAuth(ClientAuth.REQUIRE);
        server = NettyServerBuilder.forPort(port).sslContext(tls.build()).addService(this).build().start();
    }

    String target() {
        return "localhost:" + server.getPort();
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<MarketplaceMessage> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(AgentMessage message) {
                received.add(message);
                if (message.hasHello()) {
                    current = out;
                    send(MarketplaceMessage.newBuilder().setWelcome(Welcome.newBuilder()
                            .setSessionId("session-" + sessions.incrementAndGet()).setHostId("hst_test")
                            .setHeartbeatIntervalMillis(heartbeatIntervalMillis)
                            .setBenchmarkRequested(benchmarkRequested)).build());
                }
                if (message.hasHeartbeat() && ackHeartbeats) {
                    send(MarketplaceMessage.newBuilder().setHeartbeatAck(HeartbeatAck.newBuilder()
                            .setSequence(message.getHeartbeat().getSequence())).build());
                }
                answers.apply(message).ifPresent(FakeMarketplace.this::send);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                completedByAgent.incrementAndGet();
                synchronized (FakeMarketplace.this) {
                    out.onCompleted();
                }
            }
        };
    }

    synchronized void send(MarketplaceMessage message) {
        current.onNext(message);
    }

    /** Ends the agent's stream the way a marketplace instance going away does. */
    synchronized void failStream() {
        current.onError(Status.UNAVAILABLE.withDescription("instance going away").asRuntimeException());
    }

    /** The first message matching, waiting for it up to {@code timeout}. */
    AgentMessage await(Predicate<AgentMessage> which, Duration timeout) {
        return awaitAll(which, 1, timeout).getFirst();
    }

    /** At least {@code count} messages matching, in arrival order, waiting for them up to {@code timeout}. */
    List<AgentMessage> awaitAll(Predicate<AgentMessage> which, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<AgentMessage> matching = received.stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout + " for " + count + " matching messages, got " + matching.size()
                        + " of " + received.size() + " received");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
