package dev.assay.api.hosts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.pricing.Money;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a machine and an offer must satisfy before anything is written. Every mistake is collected per field
 * and answered as one {@link ProblemType#VALIDATION} problem, so a caller fixes all of them at once.
 */
final class HostRules {

    /** The most any per-GPU-hour price may be: well above any GPU's market price, far below overflow. */
    static final Money MAX_PRICE_PER_GPU_HOUR = Money.ofDollars(1_000);
    /** The most storage may cost per GB-month. */
    static final Money MAX_STORAGE_PER_GB_MONTH = Money.ofDollars(10);
    /** How far ahead an offer may be promised. */
    static final Duration MAX_AVAILABILITY = Duration.ofDays(3 * 366);
    static final int MAX_GPUS = 64;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/()#+-]{1,100}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9 ._-]{0,64}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern DRIVER = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){0,3}");
    private static final Pattern CUDA = Pattern.compile("[0-9]{1,2}\\.[0-9]{1,2}");

    private HostRules() {}

    /** The SKU of the machine's GPUs, once every field of the spec is checked. */
    static GpuSku checkMachine(MachineSpec spec, SkuCatalogue catalogue) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            errors.put("name", "1 to 100 letters, digits, spaces or ._:/()#+-");
        }
        checkWhere(errors, spec.tier(), spec.region(), spec.datacenter(), spec.geolocation());
        if (spec.cpuCores() < 1 || spec.cpuCores() > 4096) {
            errors.put("cpu_cores", "must be within 1..4096");
        }
        if (spec.ramGb() < 1 || spec.ramGb() > 1 << 20) {
            errors.put("ram_gb", "must be within 1..1048576");
        }
        if (spec.diskGb() < 0 || spec.diskGb() > 1L << 30) {
            errors.put("disk_gb", "must be within 0..1073741824");
        }
        checkRate(errors, "disk_bw_mbps", spec.diskBandwidthMbps());
        checkRate(errors, "inet_up_mbps", spec.inetUpMbps());
        checkRate(errors, "inet_down_mbps", spec.inetDownMbps());
        if (spec.driverVersion() == null || !DRIVER.matcher(spec.driverVersion()).matches()) {
            errors.put("driver_version", "a driver version such as 550.54.15");
        }
        if (spec.cudaVersion() == null || !CUDA.matcher(spec.cudaVersion()).matches()) {
            errors.put("cuda_version", "a CUDA version such as 12.4");
        }
        GpuSku sku = null;
        if (spec.gpus().isEmpty() || spec.gpus().size() > MAX_GPUS) {
            errors.put("gpus", "1 to " + MAX_GPUS + " GPUs");
        } else {
            for (int i = 0; i < spec.gpus().size(); i++) {
                GpuSpec gpu = spec.gpus().get(i);
                Optional<GpuSku> found = gpu == null || gpu.nvmlName() == null ? Optional.empty()
                        : catalogue.find(gpu.nvmlName());
                if (found.isEmpty()) {
                    errors.put("gpus[" + i + "].nvml_name", "not a GPU the catalogue knows");
                } else if (sku == null) {
                    sku = found.get();
                } else if (!sku.id().equals(found.get().id())) {
                    errors.put("gpus[" + i + "].nvml_name", "every GPU of a host must be the same model ("
                            + sku.id() + "), was " + found.get().id());
                }
                if (gpu != null && gpu.figures() == null) {
                    errors.put("gpus[" + i + "].figures", "required");
                }
                if (gpu != null && !(gpu.vramGb() > 0 && gpu.vramGb() <= 4096)) {
                    errors.put("gpus[" + i + "].vram_gb", "must be within 0..4096 GB, above 0");
                }
            }
        }
        fail("the machine is invalid", errors);
        return sku;
    }

    /** Checks where an owner says a machine to be enrolled stands (an empty name means the agent's hostname). */
    static void checkPlacement(HostPlacement placement) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (placement.name() == null || !(placement.name().isEmpty() || NAME.matcher(placement.name()).matches())) {
            errors.put("name", "1 to 100 letters, digits, spaces or ._:/()#+-");
        }
        checkWhere(errors, placement.tier(), placement.region(), placement.datacenter(), placement.geolocation());
        fail("the machine's placement is invalid", errors);
    }

    private static void checkWhere(Map<String, String> errors, dev.assay.matching.inventory.Tier tier, String region,
            String datacenter, String geolocation) {
        if (tier == null) {
            errors.put("tier", "required: COMMUNITY or SECURE");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            errors.put("region", "lower-case letters, digits and '-', e.g. eu-central");
        }
        if (datacenter == null || !DATACENTER.matcher(datacenter).matches()) {
            errors.put("datacenter", "at most 64 letters, digits, spaces or ._-");
        }
        if (geolocation == null || !COUNTRY.matcher(geolocation).matches()) {
            errors.put("geolocation", "an ISO 3166 alpha-2 country code in upper case, e.g. US");
        }
    }

    /** Checks an offer for a host with {@code gpuCount} GPUs, as of {@code now}. */
    static void checkOffer(OfferTerms terms, int gpuCount, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkPrice(errors, "on_demand_per_gpu_hour", terms.onDemandPerGpuHour(), MAX_PRICE_PER_GPU_HOUR);
        checkPrice(errors, "min_bid_per_gpu_hour", terms.minimumBidPerGpuHour(), MAX_PRICE_PER_GPU_HOUR);
        checkPrice(errors, "storage_per_gb_month", terms.storagePerGbMonth(), MAX_STORAGE_PER_GB_MONTH);
        if (terms.minGpusPerPod() < 1 || terms.minGpusPerPod() > gpuCount) {
            errors.put("min_gpus_per_pod", "must be within 1.." + gpuCount + " (the host's GPUs), was "
                    + terms.minGpusPerPod());
        }
        terms.availableUntil().ifPresent(until -> {
            if (!until.isAfter(now)) {
                errors.put("available_until", "must be in the future, was " + until);
            } else if (until.isAfter(now.plus(MAX_AVAILABILITY))) {
                errors.put("available_until", "at most " + MAX_AVAILABILITY.toDays() + " days ahead, was " + until);
            }
        });
        fail("the offer is invalid", errors);
    }

    private static void checkPrice(Map<String, String> errors, String field, Money price, Money max) {
        if (price == null) {
            errors.put(field, "required: dollars as a decimal string, e.g. \"0.45\"");
        } else if (price.isNegative()) {
            errors.put(field, "must not be negative, was " + price.toDollarString());
        } else if (price.compareTo(max) > 0) {
            errors.put(field, "at most " + max.toDollarString() + ", was " + price.toDollarString());
        }
    }

    private static void checkRate(Map<String, String> errors, String field, double value) {
        if (!(value >= 0 && value <= 1.0e7)) {
            errors.put(field, "must be a number within 0..10000000");
        }
    }

    static void fail(String what, Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, what + ": " + String.join("; ",
                    errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()), errors);
        }
    }
}
