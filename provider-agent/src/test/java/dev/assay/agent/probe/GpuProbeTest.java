package dev.assay.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.agent.json.AgentJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuProbeTest {

    @Test
    void withoutADriverTheInventorySaysNoNvidiaGpuFound() {
        GpuInventory inventory = GpuProbe.auto("libnvidia-ml-absent.so.1", "nvidia-smi-absent");

        assertThat(inventory.source()).isEqualTo("none");
        assertThat(inventory.gpus()).isEmpty();
        assertThat(inventory.message()).isEqualTo("no NVIDIA GPU found: libnvidia-ml-absent.so.1 can't be bound "
                + "and nvidia-smi-absent can't be run");
    }

    @Test
    void nvmlThatCantBeBoundIsEmptyNotACrash() {
        assertThat(NvmlProbe.probe("libnvidia-ml-absent.so.1")).isEmpty();
    }

    @Test
    void absentFactsAreLeftOutOfTheJson() {
        GpuFacts gpu = new GpuFacts(0, "NVIDIA GeForce RTX 4090", null, null,
                new GpuFacts.Memory(24564L, null, 384), null, 450.0, null, null, null, null,
                List.of("None"), "8.9", null, List.of());

        JsonNode json = AgentJson.mapper().valueToTree(gpu);

        assertThat(json.has("uuid")).isFalse();
        assertThat(json.has("ecc")).isFalse();
        assertThat(json.has("migMode")).isFalse();
        assertThat(json.get("memory").has("usedMib")).isFalse();
        assertThat(json.get("memory").get("busWidthBits").asInt()).isEqualTo(384);
        assertThat(json.get("powerLimitWatts").asDouble()).isEqualTo(450.0);
    }

    @Test
    void clocksEventReasonsAreNamed() {
        assertThat(ClocksEventReasons.decode(0)).containsExactly("None");
        assertThat(ClocksEventReasons.decode(0x44)).containsExactly("SwPowerCap", "HwThermalSlowdown");
        assertThat(ClocksEventReasons.decode(0x1000)).containsExactly("Other(0x1000)");
    }
}
