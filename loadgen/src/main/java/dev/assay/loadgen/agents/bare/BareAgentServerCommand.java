package dev.assay.loadgen.agents.bare;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code assay-loadgen bare-agent-server}: runs the benchmark's baseline server until it is killed. */
@Command(name = "bare-agent-server", mixinStandardHelpOptions = true,
        description = {"Run the agent-ingest baseline: the agents' gRPC contract with no marketplace behind it",
                "(Enroll signs any CSR, Connect answers Hello with Welcome and each Heartbeat with its HeartbeatAck),",
                "mutual TLS like the marketplace, on 127.0.0.1. Point the swarm at it with --grpc and --bare DIR/ca.pem."})
public final class BareAgentServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "19291", description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "Where the CA certificate it makes at start is written (DIR/ca.pem).")
    Path dir;

    @Option(names = "--heartbeat-millis", defaultValue = "10000",
            description = "The heartbeat interval Welcome names (default: ${DEFAULT-VALUE}, the marketplace's default).")
    long heartbeatMillis;

    @Option(names = "--no-acks", description = "Answer no heartbeat, like a marketplace from before HeartbeatAck: "
            + "the swarm then counts every measured heartbeat as an error (its ack never comes).")
    boolean noAcks;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BareAgentServer server = BareAgentServer.start(port, dir, Duration.ofMillis(heartbeatMillis), !noAcks)) {
            out.printf("bare-agent-server: listening on 127.0.0.1:%d, CA in %s, heartbeat every %d ms%n",
                    server.port(), server.caFile(), heartbeatMillis);
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            server.awaitTermination();
        }
        return 0;
    }
}
