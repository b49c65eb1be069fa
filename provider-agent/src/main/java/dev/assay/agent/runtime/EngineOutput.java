package dev.assay.agent.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what Docker and Podman print for {@code inspect}, {@code port} and {@code ps --format '{{json .}}'}. Pure.
 *
 * <p>The two engines print {@code ps} differently: Docker one object a line with {@code Names} and {@code Labels} as
 * strings ({@code "a=1,b=2"}) and the exit code only inside {@code Status} ({@code "Exited (3) 2 minutes ago"});
 * Podman {@code Names} as an array, {@code Labels} as an object and a numeric {@code ExitCode} (and, with some
 * versions, one JSON array instead of lines). Both are accepted.
 */
final class EngineOutput {

    /** A pod's container as {@code inspect} describes it. */
    record InspectedContainer(String id, String status, String specDigest) {

        boolean running() {
            return status.equals("running");
        }
    }

    /** One line of {@code ps}: the pod it belongs to, the engine's state word and, once it ended, the exit code. */
    record ListedContainer(String podId, String state, OptionalInt exitCode) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code 8888/tcp -> 0.0.0.0:32768} and {@code 8888/tcp -> [::]:32768}. */
    private static final Pattern PORT_LINE = Pattern.compile("(\\d+)/(tcp|udp|sctp)\\s*->\\s*.*:(\\d+)");
    private static final Pattern EXITED_STATUS = Pattern.compile("Exited \\((-?\\d+)\\)");

    private EngineOutput() {}

    static Optional<InspectedContainer> inspected(String stdout) {
        String line = stdout.strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = line.lines().findFirst().orElseThrow().split("\\|", -1);
        String digest = parts.length > 2 && !parts[2].equals("<no value>") ? parts[2].strip() : "";
        return Optional.of(new InspectedContainer(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "", digest));
    }

    /** Host ports by container port, once each (the engines list IPv4 and IPv6 bindings separately). */
    static List<StartedPod.PortBinding> ports(String stdout) {
        Map<String, StartedPod.PortBinding> bindings = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            Matcher m = PORT_LINE.matcher(line.strip());
            if (m.matches()) {
                int containerPort = Integer.parseInt(m.group(1));
                bindings.putIfAbsent(containerPort + "/" + m.group(2),
                        new StartedPod.PortBinding(containerPort, Integer.parseInt(m.group(3)), m.group(2)));
            }
        }
        return List.copyOf(bindings.values());
    }

    /**
     * @throws IllegalArgumentException when a line is not JSON (an engine that ignored the format)
     */
    static List<ListedContainer> containers(String stdout) {
        String text = stdout.strip();
        List<JsonNode> nodes = new ArrayList<>();
        try {
            if (text.startsWith("[")) {
                JSON.readTree(text).forEach(nodes::add);
            } else {
                for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
                    nodes.add(JSON.readTree(line));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ps did not print JSON: " + e.getOriginalMessage(), e);
        }
        List<ListedContainer> containers = new ArrayList<>();
        for (JsonNode node : nodes) {
            podId(node).ifPresent(podId -> containers.add(new ListedContainer(podId,
                    node.path("State").asText("").toLowerCase(java.util.Locale.ROOT), exitCode(node))));
        }
        return containers;
    }

    private static Optional<String> podId(JsonNode node) {
        JsonNode labels = node.path("Labels");
        if (labels.isObject() && labels.hasNonNull(ContainerCommands.POD_LABEL)) {
            return Optional.of(labels.get(ContainerCommands.POD_LABEL).asText());
        }
        if (labels.isTextual()) {
            for (String pair : labels.asText().split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(ContainerCommands.POD_LABEL)) {
                    return Optional.of(pair.substring(eq + 1).strip());
                }
            }
        }
        // No label (an engine that drops them from ps): the container's name says whose it is.
        JsonNode names = node.path("Names");
        String name = names.isArray() && !names.isEmpty() ? names.get(0).asText() : names.asText("");
        name = name.startsWith("/") ? name.substring(1) : name;
        return name.startsWith("assay-") ? Optional.of(name.substring("assay-".length())) : Optional.empty();
    }

    private static OptionalInt exitCode(JsonNode node) {
        if (node.path("ExitCode").isInt()) {
            return OptionalInt.of(node.get("ExitCode").asInt());
        }
        Matcher m = EXITED_STATUS.matcher(node.path("Status").asText(""));
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
