package dev.assay.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.loadgen.agents.AgentSwarm;
import dev.assay.loadgen.agents.SwarmOptions;
import dev.assay.loadgen.agents.bare.BareAgentServerCommand;
import dev.assay.loadgen.bare.BareSearchServer;
import dev.assay.loadgen.renters.RenterCrowd;
import dev.assay.loadgen.renters.RenterMix;
import dev.assay.loadgen.report.LoadReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./assay loadgen}: drives a running marketplace over its real protocols, N SIMULATED agents over gRPC
 * (mutual TLS, heartbeating at the interval the marketplace names) and R SIMULATED renters over REST, for a
 * bounded time and count, on this machine only; then prints throughput, latency percentiles and errors.
 */
@Command(name = "assay-loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {BareAgentServerCommand.class, BareSearchServer.class},
        description = "Load a running marketplace (loopback only) with SIMULATED agents and renters; print what it measured.")
public final class LoadgenMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The marketplace's REST base (default: ${DEFAULT-VALUE}).")
    URI api;

    @Option(names = "--grpc", defaultValue = "127.0.0.1:9090", paramLabel = "HOST:PORT",
            description = "The marketplace's agent port (default: ${DEFAULT-VALUE}).")
    String grpc;

    @Option(names = "--agents", defaultValue = "0", description = "SIMULATED agents over gRPC (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--renters", defaultValue = "0", description = "SIMULATED renters over REST (default: ${DEFAULT-VALUE}).")
    int renters;

    @Option(names = "--mix", defaultValue = RenterMix.DEFAULT, paramLabel = "OP=WEIGHT,...",
            description = "The renters' operations by weight: search, offer, create_pod, stop_pod, bid "
                    + "(default: ${DEFAULT-VALUE}; --mix search=1 for search only).")
    String mix;

    @Option(names = "--query", paramLabel = "Q",
            description = "Every renter search asks this query (the benchmark's fixed query); default: a seeded "
                    + "catalogue of varied queries.")
    String query;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the load lasts (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--max-requests", defaultValue = "" + Long.MAX_VALUE, paramLabel = "N",
            description = "The most requests each side makes (default: no bound but time).")
    long maxRequests;

    @Option(names = "--owner-key", defaultValue = "${env:ASSAY_OWNER_KEY}", paramLabel = "KEY",
            description = "A hosts-scope API key for the agents' enrollment tokens (default: $ASSAY_OWNER_KEY; "
                    + "without one the agents sign up organisations of their own, one per 25 agents).")
    String ownerKey;

    @Option(names = "--operator-key", defaultValue = "${env:ASSAY_OPERATOR_KEY}", paramLabel = "KEY",
            description = "The marketplace's operator key, to credit the renters (default: $ASSAY_OPERATOR_KEY).")
    String operatorKey;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    // The agents' side (issue [7]): see dev.assay.loadgen.agents.
    @Option(names = "--bare", paramLabel = "CA_PEM",
            description = "Agents only: --grpc is a bare-agent-server, whose CA is this file (its --dir/ca.pem); "
                    + "enroll without tokens, no REST.")
    Path bareCa;

    @Option(names = "--pod-rounds", defaultValue = "0", paramLabel = "N",
            description = "Agents only: create N pods end to end during the window (REST call until the host's agent "
                    + "receives StartPod), then stop and delete each; needs --operator-key. The renter's key allows "
                    + "about 6 rounds a second (20 requests/s). Default: ${DEFAULT-VALUE}.")
    int podRounds;

    @Option(names = "--pod-hosts", defaultValue = "4", paramLabel = "N",
            description = "Agents only: how many agents host the pods, each with a SIMULATED benchmark and a listed "
                    + "offer of 2 GPUs (default: ${DEFAULT-VALUE}).")
    int podHosts;

    @Option(names = "--enroll-parallelism", defaultValue = "8", paramLabel = "N",
            description = "Agents only: enrollments at once (default: ${DEFAULT-VALUE}). Without --owner-key each "
                    + "25 agents sign up an organisation of their own, so one key's rate limit does not pace them.")
    int enrollParallelism;

    @Option(names = "--connect-parallelism", defaultValue = "64", paramLabel = "N",
            description = "Agents only: streams between Hello and Welcome at once (default: ${DEFAULT-VALUE}).")
    int connectParallelism;

    @Option(names = "--hold-seconds", defaultValue = "0", paramLabel = "S",
            description = "Agents only: once every agent is connected, heartbeat S seconds (0 to 300) unmeasured "
                    + "before the window, and say so on a line of its own, so a script can measure memory per agent "
                    + "(a forced GC) outside the window (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadgenMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadPlan plan;
        SwarmOptions swarm;
        RenterMix renterMix;
        try {
            renterMix = RenterMix.parse(mix);
            Loopback.require(api.getHost(), "--api");
            Loopback.require(grpc.substring(0, Math.max(0, grpc.lastIndexOf(':'))), "--grpc");
            plan = new LoadPlan(api, grpc, agents, renters, Duration.ofSeconds(seconds), maxRequests,
                    Optional.ofNullable(ownerKey).filter(k -> !k.isBlank()),
                    Optional.ofNullable(operatorKey).filter(k -> !k.isBlank()), seed);
            swarm = new SwarmOptions(Optional.ofNullable(bareCa), podRounds, podHosts, enrollParallelism,
                    connectParallelism, holdSeconds);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("assay-loadgen: " + e.getMessage());
            return 2;
        }
        List<LoadPart> parts = new ArrayList<>();
        if (plan.agents() > 0) {
            parts.add(new AgentSwarm(swarm));
        }
        if (plan.renters() > 0) {
            parts.add(new RenterCrowd(renterMix, Optional.ofNullable(query).filter(q -> !q.isBlank())));
        }
        LoadReport report = new LoadReport();
        for (LoadPart part : parts) {
            out.println("assay-loadgen: preparing " + part.name() + "...");
            out.flush();
            try {
                part.prepare(plan, report);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("assay-loadgen: " + e.getMessage()); // options that do not fit
                return 2;
            } catch (Exception e) {
                // Nothing was measured yet: say why in one line (an unreachable marketplace, a refused key).
                spec.commandLine().getErr().println("assay-loadgen: preparing " + part.name() + " failed: " + e);
                return 1;
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        long started;
        try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (LoadPart part : parts) {
                running.add(runners.submit(() -> {
                    part.run(plan, report, go);
                    return null;
                }));
            }
            out.printf("assay-loadgen: load for %d s (agents %d, renters %d)%n", seconds, agents, renters);
            out.flush();
            started = System.nanoTime();
            go.countDown();
            for (Future<?> part : running) {
                try {
                    part.get();
                } catch (ExecutionException e) {
                    report.operation("load_part").failed(String.valueOf(e.getCause()));
                }
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        report.print(out, elapsed);
        if (json != null) {
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report.asMap(elapsed)));
        }
        return report.totalErrors() == 0 ? 0 : 1;
    }
}
