package dev.assay.api.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.assay.api.testing.AgentChannels;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.EnrollRequest;
import dev.assay.proto.agent.v1.EnrollResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import javax.sql.DataSource;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Enroll} over real gRPC with TLS: a one-time token created over REST and a CSR buy a short-lived host
 * certificate from the agent CA; a spent, expired or unknown token and an unusable CSR are refused with a status
 * and spend nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "grpc.server.enabled", value = "true")
class AgentEnrollmentTest {

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    AgentCertificateAuthority authority;

    ManagedChannel channel;
    AgentServiceGrpc.AgentServiceBlockingStub agents;
    String orgId;
    String ownerKey;

    @BeforeEach
    void connect() {
        channel = AgentChannels.anonymous(context);
        agents = AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        JsonNode org = ApiAnswers.json(new ApiClient(server).send("POST", "/v1/orgs", null,
                "{\"name\":\"Rig Owner\",\"owner_email\":\"rig-" + UUID.randomUUID() + "@example.com\"}"));
        orgId = org.path("organisation").path("id").asText();
        ownerKey = org.path("api_key").path("key").asText();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        AgentChannels.close(channel);
    }

    @Test
    void aTokenAndACsrBuyAShortLivedClientCertificateForANewHostOfTheOrganisation() throws Exception {
        KeyPair hostKey = ecKeyPair();

        EnrollResponse enrolled = agents.enroll(request(token(), csr(hostKey)));

        assertThat(enrolled.getHostId()).matches("hst_[0-9a-z]{26}");
        List<X509Certificate> chain = enrolled.getCertificateChainDerList().stream().map(AgentEnrollmentTest::x509)
                .toList();
        X509Certificate host = chain.getFirst();
        assertThat(host.getPublicKey()).isEqualTo(hostKey.getPublic());
        assertThat(host.getSubjectX500Principal().getName()).isEqualTo("CN=" + enrolled.getHostId() + ",O=" + orgId);
        host.verify(authority.caCertificate().getPublicKey());
        assertThat(host.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // client authentication
        assertThat(host.getBasicConstraints()).isEqualTo(-1);
        Instant notAfter = Instant.ofEpochSecond(enrolled.getNotAfter().getSeconds());
        assertThat(Duration.between(Instant.now(), notAfter)).isBetween(Duration.ofHours(23), Duration.ofHours(25));
        assertThat(chain.getLast()).isEqualTo(authority.caCertificate());
        assertThat(x509(enrolled.getTrustAnchorsDer(0))).isEqualTo(authority.caCertificate());
        assertThat(tokenState()).isEqualTo("used");
    }

    @Test
    void aTokenIsGoodOnce() throws Exception {
        String token = token();
        agents.enroll(request(token, csr(ecKeyPair())));

        assertRefused(() -> agents.enroll(request(token, csr(ecKeyPair()))), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void anExpiredOrUnknownTokenIsRefused() throws Exception {
        String token = token();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement expire = c.prepareStatement(
                        "UPDATE enrollment_tokens SET expires_at = created_at WHERE org_id = ?")) {
            expire.setString(1, orgId);
            expire.executeUpdate();
        }

        assertRefused(() -> agents.enroll(request(token, csr(ecKeyPair()))), Status.Code.UNAUTHENTICATED);
        assertRefused(() -> agents.enroll(request("assay_enroll_never-issued", csr(ecKeyPair()))),
                Status.Code.UNAUTHENTICATED);
        assertRefused(() -> agents.enroll(request("", csr(ecKeyPair()))), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void anUnusableCsrIsRefusedAndSpendsNothing() throws Exception {
        String token = token();
        byte[] tampered = csr(ecKeyPair());
        tampered[tampered.length - 5] ^= 0x5A; // inside the signature

        assertRefused(() -> agents.enroll(request(token, "not a CSR".getBytes())), Status.Code.INVALID_ARGUMENT);
        assertRefused(() -> agents.enroll(request(token, tampered)), Status.Code.INVALID_ARGUMENT);
        assertRefused(() -> agents.enroll(request(token, new byte[AgentEndpoint.MAX_CSR_BYTES + 1])),
                Status.Code.INVALID_ARGUMENT);
        assertThat(tokenState()).isEqualTo("active");

        assertThat(agents.enroll(request(token, csr(ecKeyPair()))).getHostId()).startsWith("hst_");
    }

    @Test
    void theAgentPortSpeaksOnlyTls() throws InterruptedException {
        int port = context.getProperty("grpc.server.port", Integer.class).orElseThrow();
        ManagedChannel plaintext = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            assertRefused(() -> AgentServiceGrpc.newBlockingStub(plaintext).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .enroll(request("assay_enroll_x", new byte[0])), Status.Code.UNAVAILABLE);
        } finally {
            AgentChannels.close(plaintext);
        }
    }

    @Test
    void anyoneMayFetchTheCaCertificateAgentsTrust() throws Exception {
        HttpResponse<String> pem = new ApiClient(server).send("GET", "/v1/agents/ca.pem", null, null);

        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-pem-file"));
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.body().getBytes()))).isEqualTo(authority.caCertificate());
    }

    @Test
    void theCaOutlivesARestart() {
        AgentCertificateAuthority again = new AgentCertificateAuthority(authority.directory().toString(), "unused", 24);

        assertThat(again.caCertificate()).isEqualTo(authority.caCertificate());
    }

    private String token() {
        HttpResponse<String> created = new ApiClient(server).send("POST", "/v1/hosts/enrollment-tokens", ownerKey,
                "{\"expires_in_hours\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiAnswers.json(created).path("token").asText();
    }

    /** The state of the organisation's only token, as the owner sees it over REST. */
    private String tokenState() {
        return ApiAnswers.json(new ApiClient(server).send("GET", "/v1/hosts/enrollment-tokens", ownerKey, null))
                .path("items").get(0).path("state").asText();
    }

    private static EnrollRequest request(String token, byte[] csr) {
        return EnrollRequest.newBuilder().setEnrollmentToken(token).setCsrDer(ByteString.copyFrom(csr))
                .setAgentVersion("0.1.0-test").setHostname("rig-01").build();
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an agent sends: a PKCS#10 request signed with the key it keeps. */
    private static byte[] csr(KeyPair key) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=rig-01"), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate x509(ByteString der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code));
    }
}
