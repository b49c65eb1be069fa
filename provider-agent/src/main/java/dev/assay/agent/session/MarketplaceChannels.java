package dev.assay.agent.session;

import dev.assay.agent.identity.AgentIdentity;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The agent's mutual-TLS channel to the marketplace: the identity's key and certificate chain prove which host
 * connects, and only the marketplace's agent CA ({@code trust}) is trusted for the server's certificate.
 */
public final class MarketplaceChannels {

    private MarketplaceChannels() {}

    /** A channel of its own (one agent). */
    public static ManagedChannel open(String target, AgentIdentity identity) {
        return builder(target, identity, identity.trust()).build();
    }

    /** A channel on a shared event loop (the swarm's thousands of agents), trusting {@code trust}. */
    public static ManagedChannel open(String target, AgentIdentity identity, List<X509Certificate> trust,
            EventLoopGroup loop) {
        return builder(target, identity, trust).eventLoopGroup(loop).channelType(NioSocketChannel.class).build();
    }

    private static NettyChannelBuilder builder(String target, AgentIdentity identity, List<X509Certificate> trust) {
        try {
            return NettyChannelBuilder.forTarget(target)
                    .sslContext(GrpcSslContexts.forClient().trustManager(trust.toArray(X509Certificate[]::new))
                            .keyManager(identity.key(), identity.chain().toArray(X509Certificate[]::new)).build());
        } catch (SSLException e) {
            throw new IllegalStateException("TLS cannot be set up with this identity: " + e.getMessage(), e);
        }
    }
}
