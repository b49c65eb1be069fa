package dev.assay.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes read the way kustomize would: every manifest parses, the marketplace runs as at least two
 * instances with its probes on /health, both Services reach the right ports, and the Deployment sets only
 * variables the marketplace reads and references only secrets the manifests make. No cluster is needed; what a
 * typo in a manifest would break is checked here instead of at the first rollout.
 */
class KubernetesManifestsTest {

    static final Path MANIFESTS = Path.of("../deploy/kubernetes");
    static final Path APP_RESOURCES = Path.of("../marketplace-api/src/main/resources");
    static final Path DOCKERFILE = Path.of("../deploy/docker/Dockerfile");
    static final Path ASSAY_SCRIPT = Path.of("../assay");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every environment variable the marketplace reads (README.md, "Production configuration"). */
    static final Set<String> VARIABLES_THE_APP_READS = Set.of(
            "MICRONAUT_ENVIRONMENTS", "ASSAY_DATA_DIR", "ASSAY_HTTP_PORT", "ASSAY_GRPC_PORT",
            "ASSAY_DB_URL", "ASSAY_DB_USER", "ASSAY_DB_PASSWORD", "ASSAY_DB_POOL_SIZE", "ASSAY_REDIS_URI",
            "ASSAY_OPERATOR_KEY", "ASSAY_MAX_CREDIT_DOLLARS", "ASSAY_METERING_ENABLED", "ASSAY_METERING_INTERVAL",
            "ASSAY_AGENT_CA_DIR", "ASSAY_AGENT_CERT_HOURS", "ASSAY_AGENT_SERVER_NAMES", "ASSAY_AGENT_HEARTBEAT",
            "ASSAY_AGENT_OFFLINE_AFTER", "ASSAY_ACCEPT_SIMULATED_AGENTS", "ASSAY_CHALLENGE_N",
            "ASSAY_CHALLENGE_INTERVAL", "ASSAY_DEMO_FLEET_SIZE", "REDIS_HEALTH_ENABLED");

    /**
     * Of those, the ones Micronaut reads by itself (its environments, and a variable mapped onto a property:
     * ASSAY_OPERATOR_KEY onto assay.operator-key, REDIS_HEALTH_ENABLED onto redis.health.enabled) rather than
     * through a ${...} placeholder in application*.yml.
     */
    static final Set<String> READ_WITHOUT_PLACEHOLDER = Set.of(
            "MICRONAUT_ENVIRONMENTS", "ASSAY_OPERATOR_KEY", "REDIS_HEALTH_ENABLED");

    static JsonNode kustomization;
    static List<JsonNode> resources;
    static JsonNode deployment;
    static JsonNode container;

    @BeforeAll
    static void readManifests() throws IOException {
        kustomization = YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile());
        resources = new ArrayList<>();
        for (JsonNode file : kustomization.path("resources")) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                    .readValues(MANIFESTS.resolve(file.asText()).toFile())) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && !document.isEmpty()) {
                        resources.add(document);
                    }
                }
            }
        }
        deployment = only("Deployment", "marketplace-api");
        container = deployment.at("/spec/template/spec/containers/0");
    }

    @Test
    void kustomizationListsEveryManifestAndEveryManifestParses() throws IOException {
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            Set<String> present = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).isEqualTo(present);
        }
        assertThat(resources).allSatisfy(r -> {
            assertThat(r.path("apiVersion").asText()).as("apiVersion of %s", r).isNotBlank();
            assertThat(r.path("kind").asText()).as("kind of %s", r).isNotBlank();
            assertThat(r.at("/metadata/name").asText()).as("name of %s", r).isNotBlank();
        });
        assertThat(only("Namespace", kustomization.path("namespace").asText())).isNotNull();
    }

    @Test
    void theMarketplaceRunsAsAtLeastTwoInstancesThatAreNeverAllDisruptedAtOnce() {
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/assay/marketplace-api:0.1.0");

        JsonNode autoscaler = only("HorizontalPodAutoscaler", "marketplace-api");
        assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo("marketplace-api");
        assertThat(autoscaler.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");

        JsonNode budget = only("PodDisruptionBudget", "marketplace-api");
        assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(budget.at("/spec/selector/matchLabels")).isEqualTo(podLabels());

        assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.at("/labelSelector/matchLabels")).isEqualTo(podLabels()));
    }

    @Test
    void probesAskHealthOnTheHttpPort() {
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(probe).isEqualTo("/health");
            assertThat(container.at("/" + probe + "/httpGet/port").asInt()).as(probe).isEqualTo(8080);
        }
        assertThat(containerPort("http")).isEqualTo(8080);
        assertThat(containerPort("grpc")).isEqualTo(9090);
    }

    @Test
    void servicesReachRestOnHttpAndAgentsOnGrpc() {
        JsonNode api = only("Service", "marketplace-api");
        assertThat(api.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(api.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(containerPort(api.at("/spec/ports/0/targetPort").asText())).isEqualTo(8080);
        assertThat(api.at("/spec/selector")).isEqualTo(podLabels());

        JsonNode agents = only("Service", "marketplace-agents");
        assertThat(agents.at("/spec/type").asText()).as("agents connect from outside").isEqualTo("LoadBalancer");
        assertThat(agents.at("/spec/ports/0/port").asInt()).isEqualTo(9090);
        assertThat(containerPort(agents.at("/spec/ports/0/targetPort").asText())).isEqualTo(9090);
        assertThat(agents.at("/spec/selector")).isEqualTo(podLabels());

        JsonNode backend = only("Ingress", "marketplace-api").at("/spec/rules/0/http/paths/0/backend/service");
        assertThat(backend.path("name").asText()).isEqualTo("marketplace-api");
        assertThat(backend.at("/port/name").asText()).isEqualTo(api.at("/spec/ports/0/name").asText());
    }

    @Test
    void everyVariableTheDeploymentSetsIsOneTheMarketplaceReads() throws IOException {
        Map<String, String> configured = configMapSettings();
        Set<String> set = new TreeSet<>(configured.keySet());
        container.path("env").forEach(e -> set.add(e.path("name").asText()));
        assertThat(VARIABLES_THE_APP_READS).containsAll(set);
        assertThat(set).contains("MICRONAUT_ENVIRONMENTS", "ASSAY_DB_URL", "ASSAY_DB_USER", "ASSAY_DB_PASSWORD",
                "ASSAY_REDIS_URI", "ASSAY_OPERATOR_KEY", "ASSAY_AGENT_CA_DIR", "ASSAY_AGENT_SERVER_NAMES");

        assertThat(configured).containsEntry("MICRONAUT_ENVIRONMENTS", "prod")
                .containsEntry("ASSAY_HTTP_PORT", String.valueOf(containerPort("http")))
                .containsEntry("ASSAY_GRPC_PORT", String.valueOf(containerPort("grpc")))
                .containsEntry("ASSAY_AGENT_CA_DIR", mountPath("agent-ca"));
        assertThat(Integer.parseInt(configured.get("ASSAY_DB_POOL_SIZE"))
                * only("HorizontalPodAutoscaler", "marketplace-api").at("/spec/maxReplicas").asInt())
                .as("PostgreSQL connections at the most instances").isLessThanOrEqualTo(100);
    }

    @Test
    void theListedVariablesAreStillReadByTheMarketplace() throws IOException {
        StringBuilder configuration = new StringBuilder();
        try (Stream<Path> files = Files.list(APP_RESOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.yml")).toList()) {
                configuration.append(Files.readString(file));
            }
        }
        for (String variable : VARIABLES_THE_APP_READS) {
            if (!READ_WITHOUT_PLACEHOLDER.contains(variable)) {
                assertThat(configuration).as("application*.yml reads %s", variable).contains("${" + variable);
            }
        }
    }

    @Test
    void everySecretAndConfigMapTheDeploymentNamesIsMadeByTheManifests() throws IOException {
        Set<String> secrets = new HashSet<>(names("Secret"));
        kustomization.path("secretGenerator").forEach(g -> secrets.add(g.path("name").asText()));
        Set<String> referenced = new TreeSet<>();
        container.path("env").forEach(e -> {
            JsonNode ref = e.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                referenced.add(ref.path("name").asText());
            }
        });
        deployment.at("/spec/template/spec/volumes").forEach(v -> {
            if (v.has("secret")) {
                referenced.add(v.at("/secret/secretName").asText());
            }
        });
        assertThat(referenced).containsExactlyInAnyOrder("marketplace-credentials", "agent-ca");
        assertThat(secrets).containsAll(referenced);
        container.path("envFrom").forEach(f ->
                assertThat(names("ConfigMap")).contains(f.at("/configMapRef/name").asText()));

        // The credentials' example lists exactly the keys the Deployment takes from that secret.
        Set<String> keysTaken = new TreeSet<>();
        container.path("env").forEach(e -> {
            if (e.at("/valueFrom/secretKeyRef/name").asText().equals("marketplace-credentials")) {
                keysTaken.add(e.at("/valueFrom/secretKeyRef/key").asText());
            }
        });
        assertThat(exampleCredentialKeys()).isEqualTo(keysTaken);
    }

    @Test
    void secretFilesAreKeptOutOfGit() throws IOException {
        List<String> ignored = Files.readAllLines(MANIFESTS.resolve("secrets/.gitignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ignored.getFirst()).isEqualTo("*");
        assertThat(ignored).doesNotContain("!credentials.env", "!agent-ca/");
        kustomization.path("secretGenerator").forEach(g -> {
            g.path("envs").forEach(f -> assertThat(f.asText()).startsWith("secrets/"));
            g.path("files").forEach(f -> assertThat(f.asText()).startsWith("secrets/"));
        });
        Set<String> caFiles = new TreeSet<>();
        kustomization.path("secretGenerator").forEach(g -> g.path("files").forEach(f ->
                caFiles.add(Path.of(f.asText()).getFileName().toString())));
        assertThat(caFiles).as("the names AgentCertificateAuthority reads").containsExactly("ca.crt.pem", "ca.key.pem");
    }

    @Test
    void instancesRunLockedDownAndDrainBeforeStopping() {
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(mountPath("tmp")).isEqualTo("/tmp");
        assertThat(volume("tmp").has("emptyDir")).isTrue();
        assertThat(container.at("/resources/requests/cpu").asText()).isNotBlank();
        assertThat(container.at("/resources/requests/memory").asText()).isNotBlank();
        assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();

        List<String> preStop = new ArrayList<>();
        container.at("/lifecycle/preStop/exec/command").forEach(c -> preStop.add(c.asText()));
        assertThat(preStop).hasSize(2).startsWith("sleep");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt())
                .as("longer than the preStop drain").isGreaterThan(Integer.parseInt(preStop.get(1)));
    }

    @Test
    void theImageRunsAsTheDeploymentsUserWithTheAssayScriptsJvmFlags() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        assertThat(dockerfile).contains("FROM eclipse-temurin:25-jre")
                .contains("COPY marketplace-api/target/assay-marketplace.jar")
                .contains("COPY marketplace-api/target/lib/")
                .contains("USER " + deployment.at("/spec/template/spec/securityContext/runAsUser").asInt());
        Matcher flags = Pattern.compile("JVM_FLAGS=\\(([^)]*)\\)").matcher(Files.readString(ASSAY_SCRIPT));
        assertThat(flags.find()).as("./assay defines JVM_FLAGS").isTrue();
        String entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT"));
        for (String flag : flags.group(1).trim().split("\\s+")) {
            assertThat(entrypoint).contains("\"" + flag + "\"");
        }
    }

    private static JsonNode only(String kind, String name) {
        List<JsonNode> found = resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
                .toList();
        assertThat(found).as("%s %s in the manifests", kind, name).hasSize(1);
        return found.getFirst();
    }

    private static Set<String> names(String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind))
                .map(r -> r.at("/metadata/name").asText()).collect(Collectors.toSet());
    }

    private static JsonNode podLabels() {
        return deployment.at("/spec/template/metadata/labels");
    }

    private static int containerPort(String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    private static String mountPath(String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }

    private static JsonNode volume(String name) {
        for (JsonNode v : deployment.at("/spec/template/spec/volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Map<String, String> configMapSettings() {
        Map<String, String> settings = new TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            only("ConfigMap", from.at("/configMapRef/name").asText()).path("data")
                    .properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        }
        return settings;
    }

    private static Set<String> exampleCredentialKeys() throws IOException {
        return Files.readAllLines(MANIFESTS.resolve("secrets/credentials.env.example")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
