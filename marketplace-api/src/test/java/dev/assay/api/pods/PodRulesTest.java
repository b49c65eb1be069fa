package dev.assay.api.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.assay.api.pods.PodViews.PodRequest;
import dev.assay.api.pods.PodViews.Requirements;
import dev.assay.api.problem.ApiProblem;
import dev.assay.matching.inventory.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pure rules a pod request passes before placement. */
class PodRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ubuntu", "ubuntu:24.04", "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime",
        "ghcr.io/acme/train-job:v1", "localhost:5000/a/b/c", "registry.example.com/x__y/z.w-v:latest",
        "nvcr.io/nvidia/pytorch@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsOciReferences(String image) {
        assertThat(PodRules.check(request(image, 1, null, null, null), 1).image()).isEqualTo(image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ubuntu", "ubuntu:", "ubuntu::1", "-ubuntu", "a//b", "ubuntu@sha256:xyz", "a b",
        "ubuntu:-tag", "/ubuntu", "ubuntu/"})
    void refusesWhatIsNotAnOciReference(String image) {
        assertThat(errors(request(image, 1, null, null, null))).containsKey("image");
    }

    @Test
    void portsAreOneTo65535OverTcpOrHttpAndListedOnce() {
        assertThat(PodRules.check(request("ubuntu", 1, null, List.of("1/tcp", "65535/http"), null), 1).ports())
                .containsExactly("1/tcp", "65535/http");
        assertThat(errors(request("ubuntu", 1, null, List.of("0/tcp"), null))).containsKey("ports[0]");
        assertThat(errors(request("ubuntu", 1, null, List.of("22/tcp", "65536/tcp"), null))).containsKey("ports[1]");
        assertThat(errors(request("ubuntu", 1, null, List.of("22/udp"), null))).containsKey("ports[0]");
        assertThat(errors(request("ubuntu", 1, null, List.of("22/tcp", "22/tcp"), null))).containsKey("ports[1]");
    }

    @Test
    void environmentKeysAreShellNamesAndTheMapIsBounded() {
        assertThat(PodRules.check(request("ubuntu", 1, Map.of("_A1", "x", "HF_TOKEN", "y"), null, null), 1).env())
                .containsEntry("HF_TOKEN", "y");
        assertThat(errors(request("ubuntu", 1, Map.of("1A", "x"), null, null))).containsKey("env");
        assertThat(errors(request("ubuntu", 1, Map.of("A-B", "x"), null, null))).containsKey("env");
        assertThat(errors(request("ubuntu", 1, Map.of("A", "x".repeat(PodRules.MAX_ENV_VALUE_CHARS + 1)), null, null)))
                .containsKey("env[A]");
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i <= PodRules.MAX_ENV_ENTRIES; i++) {
            many.put("K" + i, "v");
        }
        assertThat(errors(request("ubuntu", 1, many, null, null))).containsKey("env");
        Map<String, String> heavy = new java.util.HashMap<>();
        for (int i = 0; i < 5; i++) {
            heavy.put("K" + i, "v".repeat(PodRules.MAX_ENV_VALUE_CHARS));
        }
        assertThat(errors(request("ubuntu", 1, heavy, null, null))).containsKey("env");
    }

    @Test
    void totalsOfCpuAndRamAreReservedPerGpuRoundedUp() {
        PodRequest totals = new PodRequest("a", "ubuntu", 3, null, null, null, null, null, 7, 10L, null, null, null,
                null);
        PodDraft draft = PodRules.check(totals, 1);
        assertThat(draft.cpuCoresPerGpu()).isEqualTo(3);
        assertThat(draft.ramGbPerGpu()).isEqualTo(4);
        assertThat(draft.placement().cpuCores()).isEqualTo(9);

        PodDraft defaults = PodRules.check(request("ubuntu", 2, null, null, null), 1);
        assertThat(defaults.diskGb()).isEqualTo(PodRules.DEFAULT_DISK_GB);
        assertThat(defaults.cpuCoresPerGpu()).isEqualTo(PodRules.DEFAULT_CPU_CORES_PER_GPU);
        assertThat(defaults.type()).isEqualTo(PodType.ON_DEMAND);
        assertThat(defaults.placement().interruptible()).isFalse();
    }

    @Test
    void anInterruptiblePodBidsAPositiveBoundedAmount() {
        PodRequest bid = new PodRequest("a", "ubuntu", 1, null, null, null, null, null, null, null, null, null,
                "interruptible", "0.35");
        assertThat(PodRules.check(bid, 1).placement().bidPerGpuHour()).hasValueSatisfying(
                b -> assertThat(b.micros()).isEqualTo(350_000));
        for (String bad : new String[] {"0", "-1", "abc", "1000.01"}) {
            PodRequest r = new PodRequest("a", "ubuntu", 1, null, null, null, null, null, null, null, null, null,
                    "INTERRUPTIBLE", bad);
            assertThat(errors(r)).as(bad).containsKey("bid_per_gpu_hour");
        }
    }

    @Test
    void requirementsBecomePlacementRules() {
        Requirements r = new Requirements("gpu_ram>=24 region=eu-west", List.of("rtx_4090"), 20.0, null, "12.4", List.of("eu-west"), null,
                "secure", true, 0.9, "3.50");
        PodRequest request = new PodRequest("a", "ubuntu", 2, null, r, 100L, null, null, null, null, null, null, null,
                null);
        var placement = PodRules.check(request, 42).placement();
        assertThat(placement.gpuModels()).containsExactly("RTX_4090");
        assertThat(placement.regions()).containsExactly("eu-west");
        assertThat(placement.tier()).contains(Tier.SECURE);
        assertThat(placement.requireVerified()).isTrue();
        assertThat(placement.maxPricePerHour()).hasValueSatisfying(m -> assertThat(m.micros()).isEqualTo(3_500_000));
        assertThat(placement.seed()).isEqualTo(42);
        assertThat(PodRules.check(request, 42).query()).hasValueSatisfying(q -> {
            assertThat(q.filters()).hasSize(2);
            assertThat(q.limit()).isEqualTo(dev.assay.matching.search.OfferQuery.MAX_LIMIT);
        });

        Requirements bad = new Requirements("gpu_rma>=24", null, null, null, "twelve", null, null, "gold", null, 1.5,
                null);
        PodRequest badRequest = new PodRequest("a", "ubuntu", 1, null, bad, null, null, null, null, null, null, null,
                null, null);
        assertThat(errors(badRequest)).containsKeys("requirements.query", "requirements.min_cuda_version",
                "requirements.tier");
    }

    private static PodRequest request(String image, int gpus, Map<String, String> env, List<String> ports, String type) {
        return new PodRequest("job-1", image, gpus, null, null, null, null, null, null, null, env, ports, type, null);
    }

    private static Map<String, String> errors(PodRequest request) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> PodRules.check(request, 1));
        assertThat(problem).as("expected a validation problem").isNotNull();
        return problem.fieldErrors();
    }
}
