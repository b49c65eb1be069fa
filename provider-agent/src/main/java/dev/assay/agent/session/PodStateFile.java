package dev.assay.agent.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <state-dir>/pods.json}: pod id → {@link KnownPod}. The file is the agent's memory of what it runs, so
 * a restarted agent can start its pods again and tell the marketplace about them instead of losing them.
 *
 * <p>Every change rewrites the whole file aside and moves it into place atomically: a crash leaves the old file
 * or the new one, never half of either. Thread-safe (one writer at a time).
 */
public final class PodStateFile {

    static final String FILE = "pods.json";
    private static final TypeReference<LinkedHashMap<String, KnownPod>> TYPE = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    private final Map<String, KnownPod> pods;

    private PodStateFile(Path dir, Map<String, KnownPod> pods) {
        this.dir = dir;
        this.pods = pods;
    }

    /** Reads {@code dir/pods.json}, or starts empty when there is none yet. */
    public static PodStateFile openIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Map<String, KnownPod> pods = Files.exists(file) ? JSON.readValue(file.toFile(), TYPE) : new LinkedHashMap<>();
        return new PodStateFile(dir, pods);
    }

    public synchronized Map<String, KnownPod> pods() {
        return Map.copyOf(pods);
    }

    public synchronized java.util.Optional<KnownPod> get(String podId) {
        return java.util.Optional.ofNullable(pods.get(podId));
    }

    /** Records the pod and writes the file before returning. */
    public synchronized void put(KnownPod pod) {
        pods.put(pod.spec().podId(), pod);
        write();
    }

    /** Forgets the pod (terminated: nothing of it is left on the host). */
    public synchronized void remove(String podId) {
        if (pods.remove(podId) != null) {
            write();
        }
    }

    private void write() {
        Path aside = dir.resolve(FILE + ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(aside.toFile(), pods);
            Files.move(aside, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }
}
