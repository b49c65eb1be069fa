package dev.assay.agent.cli;

import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.runtime.ContainerRuntime;
import dev.assay.agent.runtime.ContainerRuntimes;
import dev.assay.agent.session.AgentHost;
import dev.assay.agent.session.PodStateFile;
import dev.assay.agent.session.ProviderAgent;
import dev.assay.agent.session.RealHost;
import dev.assay.agent.session.SimulatedHost;
import dev.assay.reputation.sku.SkuCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay-agent run}: the agent's working life. Connects to the marketplace with the enrolled identity, keeps
 * the session (heartbeats, pods, benchmarks, challenges, certificate renewal) and reconnects when it drops, until
 * SIGTERM or Ctrl-C, which close the stream cleanly and leave the pods running. Exit codes: 0 stopped; 2 bad
 * flags (an unknown SKU for --simulate, an unknown runtime); 6 local trouble (identity or state unreadable).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Connect to the marketplace and serve it: report GPUs, heartbeat, run pods (until SIGTERM).")
final class RunCommand implements Callable<Integer> {

    static final int USAGE = 2;
    static final int LOCAL = 6;

    @Spec
    CommandSpec spec;

    @Option(names = "--marketplace", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "The marketplace's agents' gRPC port; several instances, comma-separated, are dialled in turn.")
    String marketplace;

    @Option(names = "--identity", required = true, paramLabel = "DIR",
            description = "The directory enroll wrote the identity into (its --state-dir).")
    Path identityDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where pods.json is kept, and whose disk the host benchmark measures "
                    + "(default: <identity>/state).")
    Path stateDir;

    @Option(names = "--simulate", paramLabel = "\"Nx SKU_ID\"",
            description = "Offer SIMULATED GPUs instead of this machine's, e.g. \"4x RTX_4090\" (demo fleet, tests).")
    String simulate;

    @Option(names = "--runtime", paramLabel = "NAME",
            description = "Container runtime for pods (default: simulated with --simulate, else docker).")
    String runtimeName;

    /** Container runtimes by name and state directory (tests put a double here). */
    BiFunction<String, Path, ContainerRuntime> runtimes = ContainerRuntimes::named;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SkuCatalogue catalogue = SkuCatalogue.bundled();
        if (simulate != null) {
            try {
                SimulatedHost.parse(simulate, catalogue, "check", new SecureRandom()); // before any file is read
            } catch (IllegalArgumentException e) {
                err.println("assay-agent run: " + e.getMessage());
                return USAGE;
            }
        }
        ContainerRuntime runtime;
        Path states = stateDir != null ? stateDir : identityDir.resolve("state");
        String name = runtimeName != null ? runtimeName : simulate != null ? "simulated" : "docker";
        try {
            runtime = runtimes.apply(name, states);
        } catch (IllegalArgumentException e) {
            err.println("assay-agent run: --runtime: " + e.getMessage());
            return USAGE;
        }
        AgentIdentity identity;
        PodStateFile state;
        try {
            identity = AgentIdentity.loadFrom(identityDir);
        } catch (IOException | RuntimeException e) {
            err.println("assay-agent run: cannot read the identity in " + identityDir + " (run enroll first): " + e);
            return LOCAL;
        }
        try {
            state = PodStateFile.openIn(states);
        } catch (IOException | RuntimeException e) {
            err.println("assay-agent run: cannot read the pod state in " + states + ": " + e);
            return LOCAL;
        }
        AgentHost host = simulate != null
                ? SimulatedHost.parse(simulate, catalogue, identity.hostId(), new SecureRandom())
                : RealHost.probe(AgentVersion.current(), states);
        out.println("assay-agent run: host " + identity.hostId() + ", " + host.gpus().size()
                + (host.simulated() ? " SIMULATED GPUs (" + simulate + ")" : " GPUs") + ", runtime "
                + runtime.describe() + ", marketplace " + marketplace);
        out.flush();
        ProviderAgent agent = new ProviderAgent(marketplace, identity, identityDir, state, host, runtime,
                AgentVersion.current());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop(); // half-closes the stream; pods keep running
            try {
                stopped.await(5, TimeUnit.SECONDS); // let the half-close go out before the JVM halts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "assay-agent-stop"));
        try {
            agent.run();
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
