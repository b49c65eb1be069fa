package dev.assay.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.agent.runtime.PodSpec;
import dev.assay.agent.runtime.StartedPod;
import dev.assay.proto.agent.v1.PodState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodStateFileTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBackByTheNextAgent() throws Exception {
        PodSpec spec = new PodSpec("pod-1", "img:1", List.of("python", "train.py"), Map.of("A", "1"),
                List.of(new PodSpec.PortRequest(22, "tcp")), List.of(0, 1), 8, 65_536, "vol-1", 100_000, "/workspace");
        PodStateFile.openIn(dir).put(new KnownPod(spec, PodState.POD_STATE_RUNNING,
                List.of(new StartedPod.PortBinding(22, 30_022, "tcp")), 0));

        KnownPod read = PodStateFile.openIn(dir).get("pod-1").orElseThrow();

        assertThat(read.spec()).isEqualTo(spec);
        assertThat(read.state()).isEqualTo(PodState.POD_STATE_RUNNING);
        assertThat(read.ports()).containsExactly(new StartedPod.PortBinding(22, 30_022, "tcp"));
        assertThat(dir.resolve("pods.json.tmp")).doesNotExist();
    }

    @Test
    void aRemovedPodIsGoneAfterARestart() throws Exception {
        PodStateFile state = PodStateFile.openIn(dir);
        state.put(new KnownPod(new PodSpec("pod-2", "img", List.of(), Map.of(), List.of(), List.of(), 0, 0, "", 0, ""),
                PodState.POD_STATE_STOPPED, List.of(), 0));
        state.remove("pod-2");

        assertThat(PodStateFile.openIn(dir).pods()).isEmpty();
        assertThat(Files.readString(dir.resolve("pods.json"))).doesNotContain("pod-2");
    }
}
