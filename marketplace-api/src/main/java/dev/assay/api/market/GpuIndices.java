package dev.assay.api.market;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code pods.gpu_indices} column: ascending GPU indices, comma-separated, empty when none. */
public final class GpuIndices {

    private GpuIndices() {}

    public static List<Integer> parse(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        List<Integer> indices = new ArrayList<>();
        for (String part : column.split(",")) {
            indices.add(Integer.parseInt(part.trim()));
        }
        return List.copyOf(indices);
    }

    public static String format(List<Integer> indices) {
        return indices.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
