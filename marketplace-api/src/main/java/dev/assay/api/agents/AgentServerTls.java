package dev.assay.api.agents;

import dev.assay.api.agents.AgentCertificateAuthority.ServerIdentity;
import io.grpc.ServerBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on the agents' gRPC port, with a server certificate from the agent CA for the names agents dial
 * ({@code assay.agents.server-names}). Client certificates are asked for but optional at the TLS layer, because
 * {@code Enroll} is the one call made before a host has one; the calls that need a host's identity check the
 * certificate themselves, against the same CA.
 */
@Singleton
@Requires(property = "assay.agents.tls", notEquals = "false")
class AgentServerTls implements BeanCreatedEventListener<ServerBuilder<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServerTls.class);

    private final AgentCertificateAuthority authority;
    private final List<String> names;

    AgentServerTls(AgentCertificateAuthority authority,
            @Value("${assay.agents.server-names:localhost,127.0.0.1}") List<String> names) {
        this.authority = authority;
        this.names = names;
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        if (!(event.getBean() instanceof NettyServerBuilder netty)) {
            throw new IllegalStateException("the agents' gRPC server needs the Netty transport for mutual TLS, found "
                    + event.getBean().getClass().getName());
        }
        ServerIdentity identity = authority.serverIdentity(names, Instant.now());
        try {
            SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forServer(identity.key(),
                            identity.certificate(), authority.caCertificate()))
                    .trustManager(authority.caCertificate())
                    .clientAuth(ClientAuth.OPTIONAL)
                    .build();
            LOG.info("event=agent_tls names={} ca=\"{}\"", names, authority.caCertificate().getSubjectX500Principal());
            return netty.sslContext(tls);
        } catch (SSLException e) {
            throw new IllegalStateException("TLS for the agents' gRPC port could not be set up", e);
        }
    }
}
