package dev.assay.agent.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for the docker or podman executable: a bash script that records each argv (one line, arguments
 * separated by the unit separator) and answers with canned stdout, stderr and exit code per subcommand
 * ({@code volume ls} is the subcommand {@code volume-ls}).
 */
final class FakeEngine {

    private static final String SCRIPT = """
            #!/bin/bash
            dir="$(dirname "$0")"
            printf '%s\\037' "$@" >> "$dir/calls"
            printf '\\n' >> "$dir/calls"
            key="$1"
            if [ "$1" = volume ]; then key="volume-$2"; fi
            if [ -f "$dir/$key.sleep" ]; then sleep "$(cat "$dir/$key.sleep")"; fi
            if [ -f "$dir/$key.out" ]; then cat "$dir/$key.out"; fi
            if [ -f "$dir/$key.err" ]; then cat "$dir/$key.err" >&2; fi
            if [ -f "$dir/$key.rc" ]; then exit "$(cat "$dir/$key.rc")"; fi
            exit 0
            """;

    private final Path dir;
    private final Path executable;

    FakeEngine(Path dir) throws IOException {
        this.dir = dir;
        this.executable = dir.resolve("engine");
        Files.writeString(executable, SCRIPT);
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
    }

    Path executable() {
        return executable;
    }

    FakeEngine answer(String subcommand, String stdout) throws IOException {
        Files.writeString(dir.resolve(subcommand + ".out"), stdout);
        Files.deleteIfExists(dir.resolve(subcommand + ".err"));
        Files.deleteIfExists(dir.resolve(subcommand + ".rc"));
        return this;
    }

    FakeEngine fail(String subcommand, String stderr, int exitCode) throws IOException {
        Files.deleteIfExists(dir.resolve(subcommand + ".out"));
        Files.writeString(dir.resolve(subcommand + ".err"), stderr);
        Files.writeString(dir.resolve(subcommand + ".rc"), Integer.toString(exitCode));
        return this;
    }

    FakeEngine hang(String subcommand, int seconds) throws IOException {
        Files.writeString(dir.resolve(subcommand + ".sleep"), Integer.toString(seconds));
        return this;
    }

    /** Every argv the engine was called with, in order (without the executable). */
    List<List<String>> calls() throws IOException {
        Path calls = dir.resolve("calls");
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls, StandardCharsets.UTF_8).stream()
                .map(line -> Arrays.asList(line.split("\u001f")))
                .map(List::copyOf)
                .toList();
    }

    /** The subcommand of each call: {@code volume ls} as "volume-ls". */
    List<String> subcommands() throws IOException {
        return calls().stream()
                .map(argv -> argv.getFirst().equals("volume") ? "volume-" + argv.get(1) : argv.getFirst())
                .toList();
    }

    void forgetCalls() throws IOException {
        Files.deleteIfExists(dir.resolve("calls"));
    }
}
