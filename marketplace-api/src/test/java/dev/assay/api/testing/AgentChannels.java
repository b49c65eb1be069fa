package dev.assay.api.testing;

import dev.assay.api.agents.AgentCertificateAuthority;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** gRPC channels to the agents' port of a marketplace under test, over TLS that trusts its agent CA. */
public final class AgentChannels {

    private AgentChannels() {}

    /** A channel without a client certificate: what an agent has before it enrolls. */
    public static ManagedChannel anonymous(ApplicationContext context) {
        AgentCertificateAuthority ca = context.getBean(AgentCertificateAuthority.class);
        int port = context.getProperty("grpc.server.port", Integer.class).orElseThrow();
        try {
            return NettyChannelBuilder.forAddress("localhost", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(ca.caCertificate()).build())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A channel that presents {@code key} and {@code chain}: an enrolled agent, or an impostor. */
    public static ManagedChannel withCertificate(ApplicationContext context, PrivateKey key,
            List<X509Certificate> chain) {
        AgentCertificateAuthority ca = context.getBean(AgentCertificateAuthority.class);
        int port = context.getProperty("grpc.server.port", Integer.class).orElseThrow();
        try {
            return NettyChannelBuilder.forAddress("localhost", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(ca.caCertificate())
                            .keyManager(key, chain.toArray(X509Certificate[]::new)).build())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
