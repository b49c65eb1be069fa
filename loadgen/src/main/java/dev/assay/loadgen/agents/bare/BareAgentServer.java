package dev.assay.loadgen.agents.bare;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The bare gRPC streaming server the agent-ingest benchmark compares the marketplace with: {@link BareAgentService}
 * on loopback, configured like the marketplace's agents' port so the comparison is fair: Netty, TLS through
 * {@code GrpcSslContexts} with the JDK's TLS provider (the marketplace's unshaded Netty has no OpenSSL), a server
 * certificate from its CA, client certificates asked for but optional at the TLS layer (Enroll has none) and
 * required by an interceptor for Connect, and the same 30 s keep-alive.
 */
public final class BareAgentServer implements AutoCloseable {

    private final Server server;
    private final BareAgentService service;
    private final Path caFile;

    private BareAgentServer(Server server, BareAgentService service, Path caFile) {
        this.server = server;
        this.service = service;
        this.caFile = caFile;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port), writing its CA to {@code dir/ca.pem}. */
    public static BareAgentServer start(int port, Path dir, Duration heartbeatInterval) throws IOException {
        return start(port, dir, heartbeatInterval, true);
    }

    /** As {@link #start(int, Path, Duration)}; without {@code acks} it acts a marketplace from before HeartbeatAck. */
    public static BareAgentServer start(int port, Path dir, Duration heartbeatInterval, boolean acks)
            throws IOException {
        BareCertificateAuthority authority = new BareCertificateAuthority();
        Path caFile = authority.writeCaTo(dir);
        BareCertificateAuthority.ServerIdentity identity = authority.serverIdentity();
        SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forServer(identity.key(), identity.certificate(),
                        authority.caCertificate()), SslProvider.JDK)
                .trustManager(authority.caCertificate())
                .clientAuth(ClientAuth.OPTIONAL)
                .build();
        BareAgentService service = new BareAgentService(authority, heartbeatInterval, acks);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .sslContext(tls)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .addService(ServerInterceptors.intercept(service, new BareHostCertificates()))
                .build()
                .start();
        return new BareAgentServer(server, service, caFile);
    }

    public int port() {
        return server.getPort();
    }

    /** The CA certificate the swarm must trust ({@code --bare}). */
    public Path caFile() {
        return caFile;
    }

    /** Agents with an open, welcomed stream now. */
    public long connected() {
        return service.connected.get();
    }

    /** Heartbeats acked since start. */
    public long heartbeats() {
        return service.heartbeats.get();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }
}
