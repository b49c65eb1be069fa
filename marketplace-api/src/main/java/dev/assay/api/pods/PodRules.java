package dev.assay.api.pods;

import dev.assay.api.offers.OfferIds;
import dev.assay.api.pods.PodViews.PodRequest;
import dev.assay.api.pods.PodViews.Requirements;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.placement.PlacementRequest;
import dev.assay.matching.search.OfferQuery;
import dev.assay.matching.search.OfferQueryParser;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a pod request must pass before anything is placed, as pure functions: every field is checked
 * and every failure is named by its JSON field, so one answer lists all that is wrong.
 */
final class PodRules {

    static final int MAX_NAME_CHARS = 100;
    static final int MAX_IMAGE_CHARS = 255;
    static final int MAX_ENV_ENTRIES = 64;
    static final int MAX_ENV_VALUE_CHARS = 4096;
    /** The {@code env_json} column holds 16,000 characters; the JSON of the whole map must fit. */
    static final int MAX_ENV_JSON_CHARS = 16_000;
    static final int MAX_PORTS = 16;
    static final int MAX_QUERY_CHARS = 2000;
    static final long DEFAULT_DISK_GB = 20;
    static final int DEFAULT_CPU_CORES_PER_GPU = 1;
    static final long DEFAULT_RAM_GB_PER_GPU = 4;
    static final Money MAX_BID_PER_GPU_HOUR = Money.ofDollars(1_000);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0," + (MAX_NAME_CHARS - 1) + "}");
    /**
     * An OCI image reference as the distribution spec's grammar gives it: optional registry host (with port),
     * lower-case path components joined by '/', an optional tag and an optional digest.
     */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})/(tcp|http)");
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");

    private PodRules() {}

    /**
     * @return the checked request
     * @throws ApiProblem {@link ProblemType#VALIDATION} naming every invalid field
     */
    static PodDraft check(PodRequest request, long seed) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.put("name", "required: 1 to " + MAX_NAME_CHARS
                    + " letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        String image = request.image();
        if (image == null || image.length() > MAX_IMAGE_CHARS || !IMAGE.matcher(image).matches()) {
            errors.put("image", "required: an OCI image reference such as 'pytorch/pytorch:2.4.0-cuda12.4'"
                    + " or 'ghcr.io/org/app@sha256:<hex>', at most " + MAX_IMAGE_CHARS + " characters");
        }
        int gpus = 0;
        if (request.gpuCount() == null || request.gpuCount() < 1
                || request.gpuCount() > PlacementRequest.MAX_GPUS_PER_POD) {
            errors.put("gpu_count", "required: 1 to " + PlacementRequest.MAX_GPUS_PER_POD + " GPUs on one host");
        } else {
            gpus = request.gpuCount();
        }
        PodType type = type(request.type(), errors);
        Optional<Money> bid = bid(type, request.bidPerGpuHour(), errors);
        long disk = request.diskGb() == null ? DEFAULT_DISK_GB : request.diskGb();
        if (disk < 1 || disk > PlacementRequest.MAX_DISK_GB) {
            errors.put("disk_gb", "must be 1 to " + PlacementRequest.MAX_DISK_GB + " GB");
        }
        int cpuPerGpu = cpuPerGpu(request, gpus, errors);
        long ramPerGpu = ramPerGpu(request, gpus, errors);
        Map<String, String> env = env(request.env(), errors);
        List<String> ports = ports(request.ports(), errors);
        // An offer id from GET /v1/offers is <host id>-<gpus>; a bare host id is taken too.
        Optional<String> offerId = Optional.ofNullable(request.offerId())
                .map(id -> OfferIds.parse(id).map(OfferIds.Parsed::hostId).orElse(id));
        if (offerId.isPresent() && request.requirements() != null) {
            errors.put("offer_id", "give either offer_id (a host from a search) or requirements, not both");
        } else if (offerId.isPresent() && !HOST_ID.matcher(offerId.get()).matches()) {
            errors.put("offer_id", "not an offer id (the id of a GET /v1/offers result, or its host_id)");
        }
        Optional<OfferQuery> query = query(request.requirements(), errors);
        PlacementRequest.Builder placement = PlacementRequest.forGpus(Math.max(1, gpus));
        requirements(request.requirements(), placement, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        placement.resources(cpuPerGpu, ramPerGpu, disk).seed(seed);
        bid.ifPresent(placement::interruptible);
        PlacementRequest built;
        try {
            built = placement.build();
        } catch (IllegalArgumentException e) {
            throw invalid(Map.of("requirements", e.getMessage()));
        }
        return new PodDraft(name, image, type, gpus, cpuPerGpu, ramPerGpu, disk, env, ports, bid, offerId, query,
                built);
    }

    /** A bid per GPU-hour as the renter sends it: decimal dollars, positive, bounded. */
    static Money parseBid(String text, Map<String, String> errors, String field) {
        if (text == null || text.isBlank()) {
            errors.put(field, "required: dollars per GPU-hour as a decimal string, e.g. \"0.35\"");
            return null;
        }
        Money bid;
        try {
            bid = Money.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put(field, "not a dollar amount: " + e.getMessage());
            return null;
        }
        if (!bid.isPositive() || bid.compareTo(MAX_BID_PER_GPU_HOUR) > 0) {
            errors.put(field, "must be more than 0 and at most " + MAX_BID_PER_GPU_HOUR.toDollarString() + " per GPU-hour");
            return null;
        }
        return bid;
    }

    static ApiProblem invalid(Map<String, String> errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach((field, message) -> parts.add(field + " " + message));
        return new ApiProblem(ProblemType.VALIDATION, "the pod request is invalid: " + String.join("; ", parts), errors);
    }

    private static PodType type(String text, Map<String, String> errors) {
        if (text == null) {
            return PodType.ON_DEMAND;
        }
        try {
            return PodType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("type", "must be ON_DEMAND or INTERRUPTIBLE");
            return PodType.ON_DEMAND;
        }
    }

    private static Optional<Money> bid(PodType type, String text, Map<String, String> errors) {
        if (type == PodType.ON_DEMAND) {
            if (text != null) {
                errors.put("bid_per_gpu_hour", "only an INTERRUPTIBLE pod bids; an ON_DEMAND pod pays the host's price");
            }
            return Optional.empty();
        }
        return Optional.ofNullable(parseBid(text, errors, "bid_per_gpu_hour"));
    }

    private static int cpuPerGpu(PodRequest request, int gpus, Map<String, String> errors) {
        if (request.cpuCoresPerGpu() != null && request.cpuCores() != null) {
            errors.put("cpu_cores", "give cpu_cores_per_gpu or cpu_cores (a total), not both");
            return 0;
        }
        if (request.cpuCores() != null) {
            if (request.cpuCores() < 0 || request.cpuCores() > PlacementRequest.MAX_CPU_CORES_PER_GPU) {
                errors.put("cpu_cores", "must be 0 to " + PlacementRequest.MAX_CPU_CORES_PER_GPU);
                return 0;
            }
            return gpus == 0 ? 0 : ceilDiv(request.cpuCores(), gpus); // reserved per GPU, rounded up
        }
        int perGpu = request.cpuCoresPerGpu() == null ? DEFAULT_CPU_CORES_PER_GPU : request.cpuCoresPerGpu();
        if (perGpu < 0 || perGpu > PlacementRequest.MAX_CPU_CORES_PER_GPU) {
            errors.put("cpu_cores_per_gpu", "must be 0 to " + PlacementRequest.MAX_CPU_CORES_PER_GPU);
        }
        return perGpu;
    }

    private static long ramPerGpu(PodRequest request, int gpus, Map<String, String> errors) {
        if (request.ramGbPerGpu() != null && request.ramGb() != null) {
            errors.put("ram_gb", "give ram_gb_per_gpu or ram_gb (a total), not both");
            return 0;
        }
        if (request.ramGb() != null) {
            if (request.ramGb() < 0 || request.ramGb() > PlacementRequest.MAX_RAM_GB_PER_GPU) {
                errors.put("ram_gb", "must be 0 to " + PlacementRequest.MAX_RAM_GB_PER_GPU + " GB");
                return 0;
            }
            return gpus == 0 ? 0 : ceilDiv(request.ramGb(), gpus);
        }
        long perGpu = request.ramGbPerGpu() == null ? DEFAULT_RAM_GB_PER_GPU : request.ramGbPerGpu();
        if (perGpu < 0 || perGpu > PlacementRequest.MAX_RAM_GB_PER_GPU) {
            errors.put("ram_gb_per_gpu", "must be 0 to " + PlacementRequest.MAX_RAM_GB_PER_GPU + " GB");
        }
        return perGpu;
    }

    private static Map<String, String> env(Map<String, String> env, Map<String, String> errors) {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > MAX_ENV_ENTRIES) {
            errors.put("env", "at most " + MAX_ENV_ENTRIES + " variables, got " + env.size());
            return Map.of();
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = e.getKey();
            if (!ENV_KEY.matcher(key).matches()) {
                errors.put("env", "variable names are letters, digits and '_', not starting with a digit, at most"
                        + " 128 characters; '" + abbreviate(key) + "' is not one");
                return Map.of();
            }
            if (e.getValue() == null || e.getValue().length() > MAX_ENV_VALUE_CHARS) {
                errors.put("env[" + key + "]", "a value is a string of at most " + MAX_ENV_VALUE_CHARS + " characters");
                return Map.of();
            }
        }
        if (EnvJson.write(env).length() > MAX_ENV_JSON_CHARS) {
            errors.put("env", "the variables take more than " + MAX_ENV_JSON_CHARS + " characters in all");
            return Map.of();
        }
        return env;
    }

    private static List<String> ports(List<String> ports, Map<String, String> errors) {
        if (ports == null) {
            return List.of();
        }
        if (ports.size() > MAX_PORTS) {
            errors.put("ports", "at most " + MAX_PORTS + " ports, got " + ports.size());
            return List.of();
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            Matcher m = port == null ? null : PORT.matcher(port);
            if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                errors.put("ports[" + i + "]", "a port is 1 to 65535 followed by /tcp or /http, e.g. '22/tcp' or '8888/http'");
                return List.of();
            }
            if (!distinct.add(port)) {
                errors.put("ports[" + i + "]", "'" + port + "' is listed twice");
                return List.of();
            }
        }
        return List.copyOf(distinct);
    }

    /** The offer query of the requirements, read with the largest limit: placement ranks hosts itself. */
    private static Optional<OfferQuery> query(Requirements r, Map<String, String> errors) {
        if (r == null || r.query() == null || r.query().isBlank()) {
            return Optional.empty();
        }
        if (r.query().length() > MAX_QUERY_CHARS) {
            errors.put("requirements.query", "at most " + MAX_QUERY_CHARS + " characters");
            return Optional.empty();
        }
        try {
            OfferQuery parsed = OfferQueryParser.parse(r.query());
            return Optional.of(new OfferQuery(parsed.filters(), parsed.order(), OfferQuery.MAX_LIMIT));
        } catch (IllegalArgumentException e) {
            errors.put("requirements.query", "not an offer query: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void requirements(Requirements r, PlacementRequest.Builder placement, Map<String, String> errors) {
        if (r == null) {
            return;
        }
        try {
            if (r.gpuModels() != null) {
                placement.gpuModels(r.gpuModels().stream().map(m -> m == null ? "" : m.toUpperCase(Locale.ROOT))
                        .toArray(String[]::new));
            }
            if (r.regions() != null) {
                placement.regions(r.regions().toArray(String[]::new));
            }
            if (r.datacenters() != null) {
                placement.datacenters(r.datacenters().toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            errors.put("requirements", "lists must not contain null entries");
        }
        if (r.minVramGbPerGpu() != null) {
            placement.minVramGbPerGpu(r.minVramGbPerGpu());
        }
        if (r.minScorePerGpu() != null) {
            placement.minScorePerGpu(r.minScorePerGpu());
        }
        if (r.minReliability() != null) {
            placement.minReliability(r.minReliability());
        }
        if (Boolean.TRUE.equals(r.verified())) {
            placement.requireVerified();
        }
        if (r.minCudaVersion() != null) {
            try {
                placement.minCudaVersion(r.minCudaVersion());
            } catch (IllegalArgumentException e) {
                errors.put("requirements.min_cuda_version", "a CUDA version such as '12.4'");
            }
        }
        if (r.tier() != null) {
            try {
                placement.tier(Tier.valueOf(r.tier().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.put("requirements.tier", "must be COMMUNITY or SECURE");
            }
        }
        if (r.maxPricePerHour() != null) {
            Money max = parseBid(r.maxPricePerHour(), errors, "requirements.max_price_per_hour");
            if (max != null) {
                placement.maxPricePerHour(max);
            }
        }
    }

    private static int ceilDiv(int total, int parts) {
        return (total + parts - 1) / parts;
    }

    private static long ceilDiv(long total, long parts) {
        return (total + parts - 1) / parts;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
