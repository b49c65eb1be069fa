package dev.assay.interop;

import static dev.assay.interop.MarketplaceProcess.AGENT_JAR;
import static dev.assay.interop.MarketplaceProcess.java;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** The packaged agent jar run the way a host owner runs it: enroll, then run (SIMULATED GPUs), then kill. */
final class AgentProcesses {

    private AgentProcesses() {}

    /** {@code assay-agent enroll} with the token; its exit code. */
    static int enroll(String grpcTarget, String token, Path ca, Path identity) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-jar", AGENT_JAR.toString(), "enroll",
                "--marketplace", grpcTarget, "--ca-cert", ca.toString(),
                "--state-dir", identity.toString()).redirectErrorStream(true);
        builder.environment().put("ASSAY_ENROLLMENT_TOKEN", token);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return process.exitValue();
    }

    /** The host id enroll wrote. */
    static String hostId(Path identity) throws Exception {
        return Files.readString(identity.resolve("host-id")).strip();
    }

    /** {@code assay-agent run --simulate gpus} against {@code grpcTargets} (comma-separated), logging to {@code log}. */
    static Process run(String grpcTargets, Path identity, Path log, String gpus) throws Exception {
        return new ProcessBuilder(java(), "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-jar", AGENT_JAR.toString(), "run", "--marketplace", grpcTargets,
                "--identity", identity.toString(), "--simulate", gpus)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Kills the agent at once (no goodbye on its stream), and the SIMULATED pods' processes it leaves behind. */
    static void kill(Process agent) throws InterruptedException {
        if (agent == null) {
            return;
        }
        List<ProcessHandle> pods = agent.descendants().toList();
        agent.destroyForcibly();
        agent.waitFor(20, TimeUnit.SECONDS);
        pods.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Polls {@code check} every 200 ms until it answers non-null, for at most {@code limit}; fails naming
     * {@code what} and showing {@code diagnostics}.
     */
    static <T> T await(String what, Duration limit, Callable<T> check, Callable<String> diagnostics) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            T value = check.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "\n" + diagnostics.call());
    }

    /** The last lines of each log, for a failure message. */
    static String tails(Path... logs) {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log);
                text.append("--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            } catch (java.io.IOException absent) {
                // not written
            }
        }
        return text.toString();
    }
}
