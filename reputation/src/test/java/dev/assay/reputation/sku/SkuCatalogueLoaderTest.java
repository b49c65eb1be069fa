package dev.assay.reputation.sku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad row in the catalogue file is a defect: loading fails, naming the row and the field. */
class SkuCatalogueLoaderTest {

    private static final String GOOD_ROW = """
            {"id": "RTX_4090", "nvmlName": "NVIDIA GeForce RTX 4090", "aliases": ["4090"], "pciDeviceIds": ["0x2684"],
             "memoryMib": 24576, "memoryBusWidthBits": 384,
             "datasheetPeaks": {"memoryBandwidthGbps": 1008, "fp32Tflops": 82.6, "bf16Tflops": 165.2, "int8Tops": 660.6},
             "measuredBaseline": null, "pcieGeneration": 4, "tdpWatts": 450, "source": "Ada whitepaper"}""";

    private static SkuCatalogue parse(String row) throws Exception {
        String json = "{\"schemaVersion\": 1, \"about\": \"test\", \"skus\": [" + GOOD_ROW + ", " + row + "]}";
        return SkuCatalogueLoader.parse(new ObjectMapper().readTree(json), "test.json");
    }

    @Test
    void readsAGoodRow() throws Exception {
        SkuCatalogue catalogue = SkuCatalogueLoader.parse(
                new ObjectMapper().readTree("{\"schemaVersion\": 1, \"skus\": [" + GOOD_ROW + "]}"), "test.json");
        GpuSku sku = catalogue.find("4090").orElseThrow();
        assertThat(sku.pciDeviceIds()).containsExactly(0x2684);
        assertThat(sku.datasheetPeaks().int8Tops()).isEqualTo(660.6);
        assertThat(sku.measuredBaseline()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"pciDeviceIds\": [\"0x2684\"]|\"pciDeviceIds\": [\"2684\"]|pciDeviceIds",
        "\"tdpWatts\": 450|\"tdpWatts\": 450, \"tdp\": 450|unknown field 'tdp'",
        "\"memoryMib\": 24576, |\"memoryMib\": \"24\", |memoryMib",
        "\"fp32Tflops\": 82.6|\"fp32Tflops\": -1|fp32Tflops",
        "\"measuredBaseline\": null, |\"measuredBaseline\": {\"basis\": \"GUESSED\"}, |basis must be one of",
        "\"measuredBaseline\": null, |''|measuredBaseline is required",
        "\"pcieGeneration\": 4|\"pcieGeneration\": 9|pcieGeneration",
        "\"source\": \"Ada whitepaper\"|\"source\": \"\"|source",
    })
    void aBadRowFailsLoudlyNamingTheRowAndField(String good, String bad, String message) {
        String row = GOOD_ROW.replace("RTX_4090", "OTHER_GPU").replace("0x2684", "0x2685")
                .replace("\"4090\"", "\"other\"").replace("NVIDIA GeForce RTX 4090", "NVIDIA Other");
        String badRow = row.replace(good.replace("0x2684", "0x2685"), bad.replace("0x2684", "0x2685"));
        assertThat(badRow).isNotEqualTo(row);
        assertThatThrownBy(() -> parse(badRow))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 1 (OTHER_GPU)")
                .hasMessageContaining(message);
    }

    @Test
    void aDuplicatedGpuFailsLoudly() {
        assertThatThrownBy(() -> parse(GOOD_ROW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RTX_4090");
    }

    @Test
    void aMissingResourceFailsLoudly() {
        assertThatThrownBy(() -> SkuCatalogueLoader.load("/no/such/catalogue.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
    }
}
