package dev.assay.matching.search;

import dev.assay.matching.inventory.InventorySnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A query turned into what the scan runs: numeric bounds as doubles, text values as arrays, the GPU
 * models to look at, and the offer size rule. Compiled once per search, so no string work or parsing
 * happens per host.
 */
final class CompiledQuery {

    /** One filter over the columns: row {@code i} offering {@code gpus} GPUs. */
    private interface Test {
        boolean holds(OfferColumns columns, int i, int gpus);
    }

    private final Test[] tests;
    /** Host-level number filters with one bound, checked against a model's range before its rows. */
    private final List<FieldMasks.MaskFilter> rangeFilters = new ArrayList<>();
    /** Host-level filters a sorted walk can narrow with {@link FieldMasks}. */
    private final List<FieldMasks.MaskFilter> maskFilters = new ArrayList<>();
    private final List<String> models;
    private final double[] numGpusMin = {1};
    private final double[] numGpusMax = {Integer.MAX_VALUE};
    private final List<double[]> numGpusExact = new ArrayList<>();
    private final List<double[]> numGpusExcluded = new ArrayList<>();
    private final boolean sizesToQuery;
    /** Whether a filter reads the offer's size (price, value): such filters have no bitsets. */
    private final boolean sizedTests;

    CompiledQuery(OfferQuery query, InventorySnapshot snapshot) {
        List<Test> compiled = new ArrayList<>();
        List<String> modelsWanted = null;
        boolean sized = false;
        boolean sizedFilter = false;
        for (Filter filter : query.filters()) {
            if (filter.field() == OfferField.NUM_GPUS) {
                sized = true;
                sizeRule(filter);
                continue;
            }
            if (filter.field() == OfferField.GPU_NAME) {
                // A model may be named by its catalogue id or its display name, so gpu_name terms choose
                // whole models up front (the per-model index) instead of testing a column per host.
                List<String> named = modelsNamed(snapshot, filter.values());
                boolean positive = filter.op() == Comparison.EQ || filter.op() == Comparison.IN;
                List<String> from = modelsWanted == null ? List.copyOf(snapshot.gpuModels()) : modelsWanted;
                modelsWanted = from.stream().filter(m -> named.contains(m) == positive).toList();
                continue;
            }
            compiled.add(test(filter));
            if (filter.field().dependsOnOfferSize()) {
                sizedFilter = true;
                continue;
            }
            FieldMasks.MaskFilter parsed = maskFilter(filter);
            maskFilters.add(parsed);
            if (filter.field().kind() != OfferField.Kind.TEXT && !filter.op().isList() && filter.op() != Comparison.NE) {
                rangeFilters.add(parsed);
            }
        }
        this.tests = compiled.toArray(Test[]::new);
        this.models = modelsWanted == null ? List.copyOf(snapshot.gpuModels()) : modelsWanted;
        this.sizesToQuery = sized;
        this.sizedTests = sizedFilter;
    }

    List<String> models() {
        return models;
    }

    /**
     * Whether any row of {@code columns} may match: false when the model has no free GPU on offer, or a
     * host-level number filter fails the model's whole range (e.g. {@code gpu_ram>=40} for 24 GB cards),
     * so its rows need not be read.
     */
    boolean mayMatch(OfferColumns columns) {
        if (!columns.anyOffer()) {
            return false;
        }
        for (FieldMasks.MaskFilter filter : rangeFilters) {
            double[] range = columns.range(filter.field());
            double bound = filter.number();
            boolean possible = switch (filter.op()) {
                case GE, GT -> filter.op().holds(Double.compare(range[1], bound));
                case LE, LT -> filter.op().holds(Double.compare(range[0], bound));
                case EQ -> Double.compare(range[0], bound) <= 0 && Double.compare(range[1], bound) >= 0;
                default -> true;
            };
            if (!possible) {
                return false;
            }
        }
        return true;
    }

    private static double boundOf(Filter filter) {
        String value = filter.values().getFirst();
        if (filter.field().kind() == OfferField.Kind.BOOLEAN) {
            return value.equals("true") ? 1 : 0;
        }
        return filter.field().kind() == OfferField.Kind.VERSION ? Versions.encode(value) : Double.parseDouble(value);
    }

    /**
     * Whether every filter but num_gpus is host-level, so that bitsets holding exactly the rows that pass each
     * of them make {@link #matches} redundant.
     */
    boolean onlyHostLevelFilters() {
        return !sizedTests;
    }

    /** The host-level filters, values parsed, for {@link FieldMasks}. */
    List<FieldMasks.MaskFilter> maskFilters() {
        return maskFilters;
    }

    private static FieldMasks.MaskFilter maskFilter(Filter filter) {
        if (filter.field().kind() == OfferField.Kind.TEXT) {
            return new FieldMasks.MaskFilter(filter.field(), filter.op(),
                    filter.values().stream().map(String::intern).toArray(String[]::new), Double.NaN);
        }
        return new FieldMasks.MaskFilter(filter.field(), filter.op(), null, filter.op().isList() ? Double.NaN : boundOf(filter));
    }

    /** Whether num_gpus terms size the offers (else an offer gives all the host's free GPUs). */
    boolean sizesToQuery() {
        return sizesToQuery;
    }

    /** No offer of this query gives fewer GPUs: a lower bound from its num_gpus terms (at least 1). */
    int minOfferSize() {
        return (int) Math.max(1, Math.min(numGpusMin[0], Integer.MAX_VALUE));
    }

    /**
     * How many GPUs the host's offer gives for this query, or 0 when it has no offer that fits: all its
     * free GPUs by default; when the query constrains num_gpus, the smallest count that satisfies it and
     * the host's minimum pod size.
     */
    int offerSize(int free, int minGpusPerPod) {
        if (free < minGpusPerPod || free == 0) {
            return 0;
        }
        if (!sizesToQuery) {
            return free;
        }
        for (int n = Math.max(1, minGpusPerPod); n <= free; n++) {
            if (fitsSize(n)) {
                return n;
            }
        }
        return 0;
    }

    boolean matches(OfferColumns columns, int i, int gpus) {
        for (Test test : tests) {
            if (!test.holds(columns, i, gpus)) {
                return false;
            }
        }
        return true;
    }

    private boolean fitsSize(int n) {
        if (n < numGpusMin[0] || n > numGpusMax[0]) {
            return false;
        }
        for (double[] allowed : numGpusExact) {
            if (Arrays.stream(allowed).noneMatch(v -> v == n)) {
                return false;
            }
        }
        for (double[] excluded : numGpusExcluded) {
            if (Arrays.stream(excluded).anyMatch(v -> v == n)) {
                return false;
            }
        }
        return true;
    }

    private void sizeRule(Filter filter) {
        double[] values = filter.values().stream().mapToDouble(Double::parseDouble).toArray();
        double v = values[0];
        switch (filter.op()) {
            case GE -> numGpusMin[0] = Math.max(numGpusMin[0], Math.ceil(v));
            case GT -> numGpusMin[0] = Math.max(numGpusMin[0], Math.floor(v) + 1);
            case LE -> numGpusMax[0] = Math.min(numGpusMax[0], Math.floor(v));
            case LT -> numGpusMax[0] = Math.min(numGpusMax[0], Math.ceil(v) - 1);
            case EQ, IN -> numGpusExact.add(values);
            case NE, NOT_IN -> numGpusExcluded.add(values);
        }
    }

    private static List<String> modelsNamed(InventorySnapshot snapshot, List<String> names) {
        List<String> models = new ArrayList<>();
        for (String model : snapshot.gpuModels()) {
            // The catalogue id first: normalising the display name costs more, and is rarely needed.
            if (names.contains(model.toUpperCase(Locale.ROOT))
                    || names.contains(Texts.normalise(snapshot.hostsWithGpuModel(model).getFirst().gpuDisplayName()))) {
                models.add(model);
            }
        }
        return models;
    }

    private static Test test(Filter filter) {
        OfferField field = filter.field();
        Comparison op = filter.op();
        return switch (field.kind()) {
            case TEXT -> {
                // Column values are interned, so identity decides equality.
                String[] values = filter.values().stream().map(String::intern).toArray(String[]::new);
                boolean positive = op == Comparison.EQ || op == Comparison.IN;
                yield (columns, i, gpus) -> {
                    String actual = columns.texts(field)[i];
                    for (String value : values) {
                        if (value == actual) {
                            return positive;
                        }
                    }
                    return !positive;
                };
            }
            case BOOLEAN -> {
                double wanted = filter.values().getFirst().equals("true") ? 1 : 0;
                yield (columns, i, gpus) -> op.holds(Double.compare(columns.number(field, i, gpus), wanted));
            }
            case NUMBER, VERSION -> {
                double[] values = filter.values().stream()
                        .mapToDouble(v -> field.kind() == OfferField.Kind.VERSION ? Versions.encode(v) : Double.parseDouble(v))
                        .toArray();
                if (op.isList()) {
                    boolean positive = op == Comparison.IN;
                    yield (columns, i, gpus) -> {
                        double actual = columns.number(field, i, gpus);
                        for (double value : values) {
                            if (actual == value) {
                                return positive;
                            }
                        }
                        return !positive;
                    };
                }
                double bound = values[0];
                yield (columns, i, gpus) -> op.holds(Double.compare(columns.number(field, i, gpus), bound));
            }
        };
    }
}
