package dev.assay.api.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.assay.api.testing.AgentChannels;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.EnrollRequest;
import dev.assay.proto.agent.v1.EnrollResponse;
import dev.assay.proto.agent.v1.Heartbeat;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code Connect} over real gRPC with mutual TLS: only a host certificate from Enroll opens a session, the session
 * starts with Hello → Welcome naming the certificate's host, heartbeats keep it, and a second session of the
 * same host replaces the first.
 */
@MicronautTest(transactional = false)
@Property(name = "grpc.server.enabled", value = "true")
@Property(name = "assay.agents.heartbeat-interval", value = "7s")
class AgentConnectTest {

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    AgentSessions sessions;

    @Inject
    MeterRegistry meters;

    @Test
    void withoutAClientCertificateConnectIsRefused() throws Exception {
        ManagedChannel channel = AgentChannels.anonymous(context);
        try {
            TestAgent.Stream stream = TestAgent.Stream.open(channel);
            stream.send(hello());

            assertThat(stream.end().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            AgentChannels.close(channel);
        }
    }

    @Test
    void anEnrolledAgentSaysHelloIsWelcomedAsItsHostAndStaysWithHeartbeats() throws Exception {
        Enrolled agent = enroll();
        ManagedChannel channel = AgentChannels.withCertificate(context, agent.key.getPrivate(), agent.chain);
        try {
            TestAgent.Stream stream = TestAgent.Stream.open(channel);
            stream.send(hello());

            MarketplaceMessage welcome = stream.next();
            assertThat(welcome.hasWelcome()).isTrue();
            assertThat(welcome.getWelcome().getHostId()).isEqualTo(agent.hostId);
            assertThat(welcome.getWelcome().getHeartbeatIntervalMillis()).isEqualTo(7_000);
            assertThat(welcome.getWelcome().getBenchmarkRequested()).isTrue();
            assertThat(welcome.getWelcome().getSessionId()).isNotBlank();
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(0)).build());
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(1)).build());
            awaitHeartbeat(agent.hostId, 1);
            assertThat(sessions.of(agent.hostId)).isPresent();
            assertThat(meters.get("assay.agents.heartbeats").counter().count()).isGreaterThanOrEqualTo(2);
            assertThat(meters.get("assay.agents.connected").gauge().value()).isGreaterThanOrEqualTo(1);

            stream.complete();
            assertThat(stream.end().getCode()).isEqualTo(Status.Code.OK);
            awaitGone(agent.hostId);
        } finally {
            AgentChannels.close(channel);
        }
    }

    @Test
    void aSessionMustBeginWithHello() throws Exception {
        Enrolled agent = enroll();
        ManagedChannel channel = AgentChannels.withCertificate(context, agent.key.getPrivate(), agent.chain);
        try {
            TestAgent.Stream stream = TestAgent.Stream.open(channel);
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(0)).build());

            assertThat(stream.end().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(sessions.of(agent.hostId)).isEmpty();
        } finally {
            AgentChannels.close(channel);
        }
    }

    @Test
    void aSecondSessionOfTheSameHostReplacesTheFirst() throws Exception {
        Enrolled agent = enroll();
        ManagedChannel channel = AgentChannels.withCertificate(context, agent.key.getPrivate(), agent.chain);
        try {
            TestAgent.Stream first = TestAgent.Stream.open(channel);
            first.send(hello());
            String firstSession = first.next().getWelcome().getSessionId();
            TestAgent.Stream second = TestAgent.Stream.open(channel);
            second.send(hello());
            String secondSession = second.next().getWelcome().getSessionId();

            assertThat(first.end().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(secondSession).isNotEqualTo(firstSession);
            assertThat(sessions.of(agent.hostId)).hasValueSatisfying(s -> assertThat(s.id).isEqualTo(secondSession));
            second.complete();
        } finally {
            AgentChannels.close(channel);
        }
    }

    @Test
    void aCertificateFromAnotherCaNeverGetsPastTls() throws Exception {
        KeyPair key = ecKeyPair();
        X500Name name = new X500Name("O=" + "org_impostor" + ",CN=hst_0123456789abcdefghjkmnpqrs");
        Instant now = Instant.now();
        X509Certificate selfSigned = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.TWO, Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))),
                name, key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        ManagedChannel channel = AgentChannels.withCertificate(context, key.getPrivate(), List.of(selfSigned));
        try {
            TestAgent.Stream stream = TestAgent.Stream.open(channel);
            stream.send(hello());

            assertThat(stream.end().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED);
            assertThat(sessions.of("hst_0123456789abcdefghjkmnpqrs")).isEmpty();
        } finally {
            AgentChannels.close(channel);
        }
    }

    private record Enrolled(String hostId, KeyPair key, List<X509Certificate> chain) {}

    private Enrolled enroll() throws Exception {
        String ownerKey = ApiAnswers.json(new ApiClient(server).send("POST", "/v1/orgs", null,
                "{\"name\":\"Rig Owner\",\"owner_email\":\"rig-" + UUID.randomUUID() + "@example.com\"}"))
                .path("api_key").path("key").asText();
        String token = ApiAnswers.json(new ApiClient(server).send("POST", "/v1/hosts/enrollment-tokens", ownerKey,
                "{}")).path("token").asText();
        KeyPair key = ecKeyPair();
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=rig"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        ManagedChannel channel = AgentChannels.anonymous(context);
        try {
            EnrollResponse response = AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .enroll(EnrollRequest.newBuilder().setEnrollmentToken(token).setCsrDer(ByteString.copyFrom(csr))
                            .build());
            List<X509Certificate> chain = new ArrayList<>();
            for (ByteString der : response.getCertificateChainDerList()) {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der.toByteArray())));
            }
            return new Enrolled(response.getHostId(), key, chain);
        } finally {
            AgentChannels.close(channel);
        }
    }

    private static AgentMessage hello() {
        return AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("0.1.0-test").setSimulated(true))
                .build();
    }

    private void awaitHeartbeat(String hostId, long sequence) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (sessions.of(hostId).map(s -> s.lastHeartbeat).orElse(-1L) == sequence) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(sessions.of(hostId).map(s -> s.lastHeartbeat)).as("heartbeat seen").contains(sequence);
    }

    private void awaitGone(String hostId) throws InterruptedException {
        for (int i = 0; i < 100 && sessions.of(hostId).isPresent(); i++) {
            Thread.sleep(50);
        }
        assertThat(sessions.of(hostId)).isEmpty();
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
