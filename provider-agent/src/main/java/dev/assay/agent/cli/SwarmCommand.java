package dev.assay.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.identity.Enroller;
import dev.assay.agent.json.AgentJson;
import dev.assay.agent.session.MarketplaceChannels;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.AgentServiceGrpc;
import dev.assay.proto.agent.v1.Heartbeat;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.stub.StreamObserver;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay-agent swarm}: a load generator, not an agent. Enrolls N SIMULATED agents of one organisation
 * (tokens made over REST with the owner's key), connects each over its own mutual-TLS stream, says Hello and
 * heartbeats at the interval Welcome names for the given time, then prints what it sent and every error, as
 * JSON. Every Hello says simulated: nothing here is a measurement of a machine.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = "Load test: enroll and connect N SIMULATED agents and keep them heartbeating (prints JSON).")
final class SwarmCommand implements Callable<Integer> {

    /** The marketplace lets an organisation hold this many unused tokens at once. */
    private static final int TOKENS_PER_BATCH = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--marketplace", required = true, paramLabel = "HOST:PORT", description = "The agents' gRPC port.")
    String marketplace;

    @Option(names = "--api", required = true, paramLabel = "URL", description = "The REST base, e.g. http://localhost:8080.")
    URI api;

    @Option(names = "--owner-key", defaultValue = "${env:ASSAY_OWNER_KEY}", paramLabel = "KEY",
            description = "An API key with the hosts scope (default: $ASSAY_OWNER_KEY).")
    String ownerKey;

    @Option(names = "--ca-cert", required = true, paramLabel = "FILE", description = "GET /v1/agents/ca.pem, saved.")
    Path caCert;

    @Option(names = "--agents", defaultValue = "1000", description = "How many agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--seconds", defaultValue = "60", description = "How long they stay connected (default: ${DEFAULT-VALUE}).")
    int seconds;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (ownerKey == null || ownerKey.isBlank() || agents < 1 || seconds < 1) {
            spec.commandLine().getErr().println("assay-agent swarm: needs --owner-key, --agents ≥ 1 and --seconds ≥ 1");
            return 2;
        }
        X509Certificate ca = AgentIdentity.certificates(caCert).getFirst();
        long started = System.nanoTime();
        List<AgentIdentity> identities = new ArrayList<>(agents);
        Enroller enroller = new Enroller(marketplace, ca);
        while (identities.size() < agents) {
            int batch = Math.min(TOKENS_PER_BATCH, agents - identities.size());
            for (String token : tokens(batch)) {
                identities.add(enroller.enroll(token, "swarm", "swarm-" + identities.size()));
            }
        }
        double enrollSeconds = (System.nanoTime() - started) / 1e9;

        EventLoopGroup loop = new NioEventLoopGroup(2);
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor();
        List<ManagedChannel> channels = new ArrayList<>(agents);
        List<Agent> swarm = new ArrayList<>(agents);
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch welcomed = new CountDownLatch(agents);
        try {
            for (AgentIdentity identity : identities) {
                ManagedChannel channel = MarketplaceChannels.open(marketplace, identity, List.of(ca), loop);
                channels.add(channel);
                Agent agent = new Agent(welcomed, errors, firstErrors);
                agent.out = AgentServiceGrpc.newStub(channel).connect(agent);
                agent.out.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("swarm")
                        .setSimulated(true)).build());
                swarm.add(agent);
            }
            boolean allWelcomed = welcomed.await(60, TimeUnit.SECONDS);
            long intervalMillis = swarm.stream().mapToLong(a -> a.intervalMillis).filter(i -> i > 0).min().orElse(10_000);
            AtomicLong sent = new AtomicLong();
            long window = System.nanoTime();
            // One thread writes every stream, so no stream is written by two threads at once.
            beat.scheduleAtFixedRate(() -> {
                for (Agent agent : swarm) {
                    if (agent.open) {
                        agent.out.onNext(AgentMessage.newBuilder()
                                .setHeartbeat(Heartbeat.newBuilder().setSequence(agent.sequence++)).build());
                        sent.incrementAndGet();
                    }
                }
            }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            Thread.sleep(Duration.ofSeconds(seconds));
            beat.shutdown();
            beat.awaitTermination(10, TimeUnit.SECONDS);
            double heartbeatSeconds = (System.nanoTime() - window) / 1e9;
            swarm.forEach(a -> a.out.onCompleted());
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("agents", agents);
            report.put("simulated", true);
            report.put("enroll_seconds", round(enrollSeconds));
            report.put("all_welcomed", allWelcomed);
            report.put("heartbeat_interval_ms", intervalMillis);
            report.put("heartbeat_seconds", round(heartbeatSeconds));
            report.put("heartbeats_sent", sent.get());
            report.put("heartbeats_per_second", round(sent.get() / heartbeatSeconds));
            report.put("errors", errors.get());
            report.put("first_errors", List.copyOf(firstErrors));
            out.println(AgentJson.write(report));
            out.flush();
            return errors.get() == 0 && allWelcomed ? 0 : 1;
        } finally {
            beat.shutdownNow();
            channels.forEach(ManagedChannel::shutdown);
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
            loop.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
    }

    /** {@code count} fresh one-time tokens of the owner's organisation. */
    private List<String> tokens(int count) throws Exception {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(api.resolve("/v1/hosts/enrollment-tokens"))
                    .header("Authorization", "Bearer " + ownerKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"expires_in_hours\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("token refused: " + created.statusCode() + " " + created.body());
            }
            JsonNode body = AgentJson.mapper().readTree(created.body());
            tokens.add(body.path("token").asText());
        }
        return tokens;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** One simulated agent's stream. */
    private static final class Agent implements StreamObserver<MarketplaceMessage> {
        private final CountDownLatch welcomed;
        private final AtomicLong errors;
        private final List<String> firstErrors;
        StreamObserver<AgentMessage> out;
        volatile boolean open = true;
        volatile long intervalMillis;
        long sequence;

        Agent(CountDownLatch welcomed, AtomicLong errors, List<String> firstErrors) {
            this.welcomed = welcomed;
            this.errors = errors;
            this.firstErrors = firstErrors;
        }

        @Override
        public void onNext(MarketplaceMessage message) {
            if (message.hasWelcome()) {
                intervalMillis = message.getWelcome().getHeartbeatIntervalMillis();
                welcomed.countDown();
            }
        }

        @Override
        public void onError(Throwable t) {
            open = false;
            errors.incrementAndGet();
            if (firstErrors.size() < 5) {
                firstErrors.add(t.getMessage());
            }
        }

        @Override
        public void onCompleted() {
            open = false;
        }
    }
}
