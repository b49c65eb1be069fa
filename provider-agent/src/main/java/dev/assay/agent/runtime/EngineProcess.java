package dev.assay.agent.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one engine command: an argument list (never a shell, so no quoting or injection), with a deadline after
 * which the command and its children are killed. stdout and stderr are drained while it runs (a full pipe would
 * block the engine) and bounded, so a chatty engine cannot fill the agent's heap.
 */
final class EngineProcess {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }
    }

    static final int MAX_OUTPUT_BYTES = 4 << 20;
    static final int MAX_MESSAGE_CHARS = 500;
    /** How long to wait for the output readers after the command ended: a stray child may hold the pipe open. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    private EngineProcess() {}

    /**
     * @throws RuntimeFailure (host-caused) when the engine cannot be started (missing executable) or does not
     *     finish within {@code timeout}
     */
    static Result run(List<String> argv, Duration timeout) throws RuntimeFailure {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new RuntimeFailure("container engine " + argv.getFirst() + " cannot be started: " + e.getMessage(),
                    true, e);
        }
        Drain stdout = Drain.start(process.getInputStream());
        Drain stderr = Drain.start(process.getErrorStream());
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new RuntimeFailure(commandLine(argv) + " did not finish within " + timeout + " and was killed"
                        + stderrSuffix(stderr.text()), true);
            }
            return new Result(process.exitValue(), stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure(commandLine(argv) + " was interrupted", true, e);
        } catch (IOException e) {
            kill(process);
            throw new RuntimeFailure(commandLine(argv) + " failed: " + e.getMessage(), true, e);
        }
    }

    /** The first {@value #MAX_MESSAGE_CHARS} characters of what the engine said, for a failure's message. */
    static String trimmed(String stderr) {
        String text = stderr.strip();
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    static String commandLine(List<String> argv) {
        return String.join(" ", argv);
    }

    private static String stderrSuffix(String stderr) {
        String text = trimmed(stderr);
        return text.isEmpty() ? "" : ": " + text;
    }

    private static void kill(Process process) {
        // Children first: once the parent is gone they are re-parented and harder to find.
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads one stream to its end on a virtual thread, keeping at most {@link #MAX_OUTPUT_BYTES}. */
    private static final class Drain {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Thread reader;

        static Drain start(InputStream in) {
            Drain drain = new Drain();
            drain.reader = Thread.ofVirtual().name("engine-output").start(() -> drain.read(in));
            return drain;
        }

        private void read(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        int room = MAX_OUTPUT_BYTES - bytes.size();
                        bytes.write(buffer, 0, Math.max(0, Math.min(room, n)));
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its end: what was read so far is the output.
            }
        }

        String text() throws InterruptedException {
            reader.join(DRAIN_WAIT);
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
