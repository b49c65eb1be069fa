package dev.assay.reputation.sku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.reputation.score.AssayScore;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.score.ScoreFigure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkuCatalogueTest {

    private final SkuCatalogue catalogue = SkuCatalogue.bundled();

    @Test
    void holdsTheGpusTheMarketplaceNeeds() {
        assertThat(catalogue.all()).extracting(GpuSku::id).contains(
                "RTX_3080", "RTX_3090", "RTX_3090_TI", "RTX_4080", "RTX_4090", "RTX_5090", "RTX_A6000", "A10", "A40",
                "L4", "L40S", "T4", "V100_SXM2_16GB", "A100_PCIE_40GB", "A100_SXM4_80GB", "H100_PCIE",
                "H100_SXM5_80GB", "H100_NVL", "H200_SXM", "B200");
    }

    @ParameterizedTest
    @CsvSource({
        "NVIDIA GeForce RTX 4090, RTX_4090",
        "NVIDIA H100 80GB HBM3, H100_SXM5_80GB",
        "NVIDIA A100-SXM4-80GB, A100_SXM4_80GB",
        "NVIDIA A100-PCIE-40GB, A100_PCIE_40GB",
        "NVIDIA RTX A6000, RTX_A6000",
        "NVIDIA L40S, L40S",
        "Tesla V100-SXM2-16GB, V100_SXM2_16GB",
        "Tesla T4, T4",
        "NVIDIA H200, H200_SXM",
        "NVIDIA H100 PCIe, H100_PCIE",
        "NVIDIA GeForce RTX 3090 Ti, RTX_3090_TI",
    })
    void findsEveryGpuByTheNameNvmlReports(String nvmlName, String id) {
        assertThat(catalogue.find(nvmlName)).map(GpuSku::id).contains(id);
    }

    @ParameterizedTest
    @CsvSource({"RTX 4090", "RTX_4090", "4090", "'  nvidia   GEFORCE rtx 4090 '", "rtx-4090", "GeForce RTX 4090"})
    void lookupIsForgiving(String name) {
        assertThat(catalogue.find(name)).map(GpuSku::id).contains("RTX_4090");
    }

    @Test
    void unknownNamesFindNothing() {
        assertThat(catalogue.find("NVIDIA GeForce RTX 9999")).isEmpty();
        assertThat(catalogue.find("")).isEmpty();
        assertThat(catalogue.find(null)).isEmpty();
        assertThat(catalogue.find("3090 T")).isEmpty();
    }

    @Test
    void findsByPciDeviceId() {
        assertThat(catalogue.findByPciDeviceId(0x2684)).map(GpuSku::id).contains("RTX_4090");
        assertThat(catalogue.findByPciDeviceId(0x2330)).map(GpuSku::id).contains("H100_SXM5_80GB");
        assertThat(catalogue.findByPciDeviceId(0x2216)).map(GpuSku::id).contains("RTX_3080");
        assertThat(catalogue.findByPciDeviceId(0x0001)).isEmpty();
    }

    /** The "GPU reference facts" table of STACK.md, row by row. */
    @ParameterizedTest
    @CsvSource({
        "RTX_3090,       24,  936,  35.6,  71,   4, 350",
        "RTX_4090,       24,  1008, 82.6,  165,  4, 450",
        "RTX_A6000,      48,  768,  38.7,  155,  4, 300",
        "L40S,           48,  864,  91.6,  362,  4, 350",
        "A100_PCIE_40GB, 40,  1555, 19.5,  312,  4, 250",
        "A100_SXM4_80GB, 80,  2039, 19.5,  312,  4, 400",
        "H100_PCIE,      80,  2000, 51,    756,  5, 350",
        "H100_SXM5_80GB, 80,  3350, 66.9,  989,  5, 700",
        "H200_SXM,       141, 4800, 67,    989,  5, 700",
    })
    void agreesWithTheReferenceFacts(String id, long memoryGb, double bandwidthGbps, double fp32Tflops,
            double bf16Tflops, int pcieGeneration, int tdpWatts) {
        GpuSku sku = catalogue.all().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        assertThat(sku.memoryMib()).isEqualTo(memoryGb * 1024);
        assertThat(sku.datasheetPeaks().memoryBandwidthGbps()).isEqualTo(bandwidthGbps);
        assertThat(sku.datasheetPeaks().fp32Tflops()).isEqualTo(fp32Tflops);
        assertThat(sku.datasheetPeaks().bf16Tflops()).isCloseTo(bf16Tflops, within(0.5));
        assertThat(sku.pcieGeneration()).isEqualTo(pcieGeneration);
        assertThat(sku.tdpWatts()).isEqualTo(tdpWatts);
    }

    @Test
    void everyBaselineLiesBelowItsCeilingAndEveryRowNamesItsSource() {
        for (GpuSku sku : catalogue.all()) {
            MeasuredFigures baseline = sku.expectedBaseline().figures();
            for (ScoreFigure figure : ScoreFigure.values()) {
                assertThat(baseline.get(figure)).as("%s %s", sku.id(), figure).isLessThan(sku.ceiling(figure));
            }
            assertThat(sku.source()).as(sku.id()).contains("https://");
            assertThat(sku.datasheetPeaks().int8Tops()).as(sku.id()).isGreaterThan(0);
        }
    }

    @Test
    void measuredBaselinesSayWhereTheyComeFrom() {
        GpuSku h100 = catalogue.find("H100 SXM").orElseThrow();
        Baseline baseline = h100.measuredBaseline().orElseThrow();
        assertThat(baseline.basis()).isEqualTo(Baseline.Basis.PUBLISHED_MEASUREMENT);
        assertThat(baseline.figures().tensorTflops()).isEqualTo(798.0);
        assertThat(baseline.figures().memoryBandwidthGbps()).isEqualTo(2540.0);
        assertThat(baseline.note()).contains("DCGM").contains("PyTorch");

        GpuSku rtx4090 = catalogue.find("RTX 4090").orElseThrow();
        assertThat(rtx4090.measuredBaseline()).isEmpty();
        assertThat(rtx4090.expectedBaseline().basis()).isEqualTo(Baseline.Basis.ESTIMATED_FROM_DATASHEET);
        assertThat(rtx4090.expectedBaseline().figures().tensorTflops()).isCloseTo(165.2 * 0.8, within(1e-9));
        assertThat(rtx4090.expectedBaseline().figures().hostToDeviceGbps()).isCloseTo(25.2, within(1e-9));
    }

    @Test
    void theScoresReferenceGpuIsTheA100Sxm80gbBaseline() {
        GpuSku a100 = catalogue.find("NVIDIA A100-SXM4-80GB").orElseThrow();
        assertThat(a100.expectedBaseline().figures()).isEqualTo(AssayScore.referenceFigures());
        assertThat(AssayScore.of(a100.expectedBaseline().figures())).isEqualTo(100.0);
    }

    @Test
    void pcieCeilingsDoubleEachGeneration() {
        assertThat(PcieLink.x16CeilingGbps(3)).isEqualTo(15.75);
        assertThat(PcieLink.x16CeilingGbps(4)).isEqualTo(31.5);
        assertThat(PcieLink.x16CeilingGbps(5)).isEqualTo(63.0);
        assertThatThrownBy(() -> PcieLink.x16CeilingGbps(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pcieGeneration");
    }

    @Test
    void aCatalogueRejectsAmbiguousNamesAndPciIds() {
        GpuSku a = sku("GPU_A", "NVIDIA Alpha", List.of("fast"), 0x1111);
        GpuSku sameAlias = sku("GPU_B", "NVIDIA Beta", List.of("FAST"), 0x2222);
        GpuSku samePciId = sku("GPU_C", "NVIDIA Gamma", List.of(), 0x1111);
        assertThatThrownBy(() -> SkuCatalogue.of(List.of(a, sameAlias)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> SkuCatalogue.of(List.of(a, samePciId)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x1111");
        assertThat(SkuCatalogue.of(List.of(a)).find("Fast")).contains(a);
    }

    @Test
    void aSkuRejectsBadFieldsNamingThem() {
        assertThatThrownBy(() -> sku("lower_case", "NVIDIA X", List.of(), 0x1111))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> sku("GPU_A", "NVIDIA X", List.of(), 0x1_0000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pciDeviceIds");
    }

    static GpuSku sku(String id, String nvmlName, List<String> aliases, int pciId) {
        return new GpuSku(id, nvmlName, aliases, List.of(pciId), 24 * 1024, 384,
                new Peaks(1000, 80, 160, 640), Optional.empty(), 4, 450, "test fixture");
    }
}
