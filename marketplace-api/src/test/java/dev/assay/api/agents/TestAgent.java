package dev.assay.api.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.assay.api.testing.AgentChannels;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.EnrollRequest;
import dev.assay.proto.agent.v1.EnrollResponse;
import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.HostFacts;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.agent.v1.Measurement;
import dev.assay.proto.signing.ReportSignature;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A hand-driven agent for the marketplace's tests: enrolls through REST and gRPC like the real one, then says
 * exactly what a test wants on its stream (including what a real agent never would: another host's report, a
 * forged signature, a lying challenge answer).
 */
final class TestAgent implements AutoCloseable {

    final String hostId;
    final String ownerKey;
    final KeyPair key;
    final GpuSku sku;
    final int gpus;
    private final ManagedChannel channel;

    private TestAgent(String hostId, String ownerKey, KeyPair key, GpuSku sku, int gpus, ManagedChannel channel) {
        this.hostId = hostId;
        this.ownerKey = ownerKey;
        this.key = key;
        this.sku = sku;
        this.gpus = gpus;
        this.channel = channel;
    }

    /** A new organisation enrolls one machine of {@code gpus} × {@code skuId}, placed as {@code tokenJson} says. */
    static TestAgent enroll(EmbeddedServer server, ApplicationContext context, String tokenJson, String skuId, int gpus)
            throws Exception {
        String ownerKey = ApiAnswers.json(new ApiClient(server).send("POST", "/v1/orgs", null,
                "{\"name\":\"Rig Owner\",\"owner_email\":\"rig-" + UUID.randomUUID() + "@example.com\"}"))
                .path("api_key").path("key").asText();
        String token = ApiAnswers.json(new ApiClient(server).send("POST", "/v1/hosts/enrollment-tokens", ownerKey,
                tokenJson)).path("token").asText();
        assertThat(token).as("an enrollment token").startsWith("assay_enroll_");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=rig"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        ManagedChannel anonymous = AgentChannels.anonymous(context);
        EnrollResponse response;
        try {
            response = AgentServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .enroll(EnrollRequest.newBuilder().setEnrollmentToken(token).setCsrDer(ByteString.copyFrom(csr))
                            .build());
        } finally {
            AgentChannels.close(anonymous);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (ByteString der : response.getCertificateChainDerList()) {
            chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray())));
        }
        GpuSku sku = SkuCatalogue.bundled().find(skuId).orElseThrow();
        return new TestAgent(response.getHostId(), ownerKey, key, sku, gpus,
                AgentChannels.withCertificate(context, key.getPrivate(), chain));
    }

    /** The SIMULATED Hello of this machine. */
    AgentMessage hello() {
        Hello.Builder hello = Hello.newBuilder().setAgentVersion("0.1.0-test").setSimulated(true)
                .setHost(HostFacts.newBuilder().setHostname("rig-1").setCpuCores(32).setRamMib(128 * 1024)
                        .setDriverVersion("550.54.15").setCudaDriverVersion("12.4"));
        for (int i = 0; i < gpus; i++) {
            hello.addGpus(GpuInventory.newBuilder().setIndex(i).setName(sku.nvmlName())
                    .setUuid("GPU-SIMULATED-" + hostId + "-" + i).setMemoryTotalMib(sku.memoryMib()));
        }
        return AgentMessage.newBuilder().setHello(hello).build();
    }

    /** An unsigned SIMULATED report of the SKU's expected figures scaled by {@code factor}, naming {@code host}. */
    BenchmarkReport report(String host, double factor) {
        MeasuredFigures f = sku.expectedBaseline().figures().scaledBy(factor);
        BenchmarkReport.Builder report = BenchmarkReport.newBuilder().setSuiteVersion("assay-bench/1")
                .setHostId(host).setSimulated(true);
        for (int i = 0; i < gpus; i++) {
            report.addGpus(GpuBenchmark.newBuilder().setIndex(i)
                    .addFigures(figure(AgentMachine.TENSOR, f.tensorTflops(), "TFLOP/s"))
                    .addFigures(figure(AgentMachine.MEMORY_BANDWIDTH, f.memoryBandwidthGbps(), "GB/s"))
                    .addFigures(figure(AgentMachine.FP32, f.fp32Tflops(), "TFLOP/s"))
                    .addFigures(figure(AgentMachine.HOST_TO_DEVICE, f.hostToDeviceGbps(), "GB/s")));
        }
        return report.build();
    }

    /** This host's report, signed with its key. */
    AgentMessage signedReport(double factor) {
        return message(ReportSignature.sign(report(hostId, factor), key.getPrivate()));
    }

    static AgentMessage message(BenchmarkReport report) {
        return AgentMessage.newBuilder().setBenchmarkReport(report).build();
    }

    private static Measurement figure(String name, double value, String unit) {
        return Measurement.newBuilder().setName(name).setValue(value).setUnit(unit).setSamples(5).build();
    }

    Stream connect() {
        return Stream.open(channel);
    }

    @Override
    public void close() throws InterruptedException {
        AgentChannels.close(channel);
    }

    /** The agent's end of a Connect stream: what it sends, and what comes back, in order. */
    static final class Stream implements StreamObserver<MarketplaceMessage> {
        private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private StreamObserver<AgentMessage> out;

        static Stream open(ManagedChannel channel) {
            Stream stream = new Stream();
            stream.out = AgentServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).connect(stream);
            return stream;
        }

        synchronized void send(AgentMessage message) {
            out.onNext(message);
        }

        void complete() {
            out.onCompleted();
        }

        MarketplaceMessage next() throws InterruptedException {
            Object item = received.poll(10, TimeUnit.SECONDS);
            assertThat(item).as("a message from the marketplace").isInstanceOf(MarketplaceMessage.class);
            return (MarketplaceMessage) item;
        }

        /** The next message within {@code millis}, if one comes. */
        java.util.Optional<MarketplaceMessage> poll(long millis) throws InterruptedException {
            Object item = received.poll(millis, TimeUnit.MILLISECONDS);
            if (item instanceof Status status) {
                throw new AssertionError("the stream ended: " + status);
            }
            return java.util.Optional.ofNullable((MarketplaceMessage) item);
        }

        /** The next message of this kind, skipping others. */
        MarketplaceMessage next(MarketplaceMessage.BodyCase kind) throws InterruptedException {
            for (int i = 0; i < 50; i++) {
                MarketplaceMessage message = next();
                if (message.getBodyCase() == kind) {
                    return message;
                }
            }
            throw new AssertionError("no " + kind + " among 50 messages");
        }

        /** How the stream ended: OK, or the status it failed with. */
        Status end() throws InterruptedException {
            while (true) {
                Object item = received.poll(10, TimeUnit.SECONDS);
                assertThat(item).as("the end of the stream").isNotNull();
                if (item instanceof Status status) {
                    return status;
                }
            }
        }

        @Override
        public void onNext(MarketplaceMessage message) {
            received.add(message);
        }

        @Override
        public void onError(Throwable t) {
            received.add(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            received.add(Status.OK);
        }
    }
}
