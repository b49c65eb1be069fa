package dev.assay.api.agents;

import dev.assay.proto.agent.v1.AgentServiceGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Singleton;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Mutual TLS for every agent call but {@code Enroll}: the call goes on only with a host certificate from the
 * agent CA, and carries its {@link HostIdentity}; anything else is closed with UNAUTHENTICATED before the
 * service sees a message. Calls to other services (the standard health check) pass untouched.
 */
@Singleton
class HostCertificateInterceptor implements ServerInterceptor {

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (!method.startsWith(AgentServiceGrpc.SERVICE_NAME + "/")
                || method.equals(AgentServiceGrpc.getEnrollMethod().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        Optional<HostIdentity> identity = identity(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (identity.isEmpty()) {
            call.close(Status.UNAUTHENTICATED.withDescription("this call needs the host certificate Enroll gave: "
                    + "connect with its key and chain"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(HostIdentity.CURRENT, identity.get()), call, headers,
                next);
    }

    private static Optional<HostIdentity> identity(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? HostIdentity.of(leaf)
                    : Optional.empty();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }
}
