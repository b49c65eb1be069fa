package dev.assay.agent.cli;

import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.identity.Enroller;
import dev.assay.agent.session.HostFactsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay-agent enroll}: joins this machine to the market with the owner's one-time token and keeps the
 * identity the marketplace signs in the state directory. Exit codes: 0 enrolled; 4 refused (token or request);
 * 5 the marketplace could not be reached or answered something unusable; 6 local trouble (files, an identity
 * already there).
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Join this machine to the market with a one-time enrollment token (POST "
                + "/v1/hosts/enrollment-tokens) and keep the certificate the marketplace signs.")
final class EnrollCommand implements Callable<Integer> {

    static final int REFUSED = 4;
    static final int UNREACHABLE = 5;
    static final int LOCAL = 6;

    @Spec
    CommandSpec spec;

    @Option(names = "--marketplace", required = true, paramLabel = "HOST:PORT",
            description = "The marketplace's agents' gRPC port, e.g. market.example.com:9090.")
    String marketplace;

    @Option(names = "--ca-cert", required = true, paramLabel = "FILE",
            description = "The marketplace's agent CA certificate (PEM, from GET /v1/agents/ca.pem).")
    Path caCert;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:ASSAY_ENROLLMENT_TOKEN}",
            description = "The one-time enrollment token (default: $ASSAY_ENROLLMENT_TOKEN, which keeps it out of "
                    + "the shell history).")
    String token;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:ASSAY_AGENT_STATE:-/var/lib/assay-agent}",
            description = "Where the agent keeps its key and certificate (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (token == null || token.isBlank()) {
            err.println("assay-agent enroll: no token: pass --token or set ASSAY_ENROLLMENT_TOKEN");
            return REFUSED;
        }
        if (AgentIdentity.existsIn(stateDir)) {
            err.println("assay-agent enroll: " + stateDir + " already holds an identity; this machine is enrolled "
                    + "(remove the directory to enroll it again as a new host)");
            return LOCAL;
        }
        X509Certificate ca;
        try {
            List<X509Certificate> certificates = AgentIdentity.certificates(caCert);
            ca = certificates.getFirst();
        } catch (IOException e) {
            err.println("assay-agent enroll: cannot read --ca-cert " + caCert + ": " + e.getMessage());
            return LOCAL;
        }
        AgentIdentity identity;
        try {
            identity = new Enroller(marketplace, ca).enroll(token.strip(), AgentVersion.current(), HostFactsReader.hostname());
        } catch (Enroller.EnrollmentFailed e) {
            err.println("assay-agent enroll: " + e.getMessage());
            return e.refused() ? REFUSED : UNREACHABLE;
        }
        try {
            identity.saveTo(stateDir);
        } catch (IOException e) {
            err.println("assay-agent enroll: enrolled as " + identity.hostId() + " but cannot write " + stateDir
                    + ": " + e.getMessage());
            return LOCAL;
        }
        out.println("enrolled as host " + identity.hostId() + "; certificate valid until " + identity.notAfter()
                + "; identity kept in " + stateDir);
        out.flush();
        return 0;
    }
}
