package dev.assay.loadgen.agents.bare;

import dev.assay.proto.agent.v1.AgentServiceGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Mutual TLS as the marketplace does it ({@code HostCertificateInterceptor}): every agent call but Enroll goes on
 * only with a client certificate (TLS has checked it chains to the CA), whose common name is the host id; anything
 * else is closed UNAUTHENTICATED before the service sees a message.
 */
final class BareHostCertificates implements ServerInterceptor {

    static final Context.Key<String> CURRENT = Context.key("bare-host-id");

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (call.getMethodDescriptor().getFullMethodName().equals(AgentServiceGrpc.getEnrollMethod().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String hostId = hostId(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (hostId == null) {
            call.close(Status.UNAUTHENTICATED.withDescription("this call needs the host certificate Enroll gave"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(CURRENT, hostId), call, headers, next);
    }

    private static String hostId(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return null;
            }
            String subject = leaf.getSubjectX500Principal().getName();
            return subject.startsWith("CN=") ? subject.substring(3, subject.indexOf(',') > 0 ? subject.indexOf(',')
                    : subject.length()) : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }
}
