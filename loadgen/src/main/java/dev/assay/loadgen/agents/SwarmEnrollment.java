package dev.assay.loadgen.agents;

import dev.assay.agent.identity.AgentIdentity;
import dev.assay.agent.identity.Enroller;
import dev.assay.loadgen.LoadPlan;
import dev.assay.loadgen.report.LoadReport;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Enrolls the swarm's SIMULATED agents exactly as {@code assay-agent enroll} does ({@link Enroller}: a key pair
 * made here, a CSR, {@code AgentService.Enroll}), in parallel, because enrolling one at a time was the slow part
 * of the last swarm (25–37 ms each: 10 k agents would take 5 minutes).
 *
 * <p>Tokens: a marketplace's owner key is rate limited (20 requests a second, 40 at once, by default), so without
 * {@code --owner-key} the swarm signs up one organisation of its own per {@value #AGENTS_PER_ORGANISATION} agents
 * (sign-up is not limited per key; a group's tokens then fit in its key's burst) and the groups enroll side by side.
 * Each group asks one token at a time, so no organisation holds more than one unused (the limit is 100). Against
 * the bare server no token is needed: it signs any CSR.
 */
final class SwarmEnrollment {

    /** A swarm agent's identity, and the key of the organisation that owns its host (null against the bare server). */
    record EnrolledAgent(int index, AgentIdentity identity, String ownerKey) {}

    static final int AGENTS_PER_ORGANISATION = 25;

    private final LoadPlan plan;
    private final X509Certificate ca;
    private final boolean bare;
    private final int parallelism;
    private final MarketplaceRest rest;

    SwarmEnrollment(LoadPlan plan, X509Certificate ca, boolean bare, int parallelism, MarketplaceRest rest) {
        this.plan = plan;
        this.ca = ca;
        this.bare = bare;
        this.parallelism = parallelism;
        this.rest = rest;
    }

    /** Every agent that could enroll, in index order; each one that could not is an {@code enroll} error. */
    List<EnrolledAgent> enrollAll(LoadReport report) throws Exception {
        Enroller enroller = new Enroller(plan.grpcTarget(), ca);
        List<EnrolledAgent> enrolled = Collections.synchronizedList(new ArrayList<>(plan.agents()));
        List<Future<?>> groups = new ArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(parallelism)) {
            for (int first = 0; first < plan.agents(); first += AGENTS_PER_ORGANISATION) {
                int from = first;
                int to = Math.min(plan.agents(), first + AGENTS_PER_ORGANISATION);
                groups.add(workers.submit(() -> {
                    enrollGroup(enroller, from, to, enrolled, report);
                    return null;
                }));
            }
            for (Future<?> group : groups) {
                group.get();
            }
        }
        if (enrolled.isEmpty()) {
            throw new IllegalStateException("no agent could enroll: " + report.operation("enroll").firstErrors());
        }
        List<EnrolledAgent> ordered = new ArrayList<>(enrolled);
        ordered.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return ordered;
    }

    private void enrollGroup(Enroller enroller, int from, int to, List<EnrolledAgent> enrolled, LoadReport report)
            throws Exception {
        String ownerKey = bare ? null : plan.ownerKey().orElse(null);
        if (!bare && ownerKey == null) {
            ownerKey = rest.signUp("Loadgen hosts " + from + "-" + (to - 1),
                    "loadgen-hosts-" + plan.seed() + "-" + from + "-" + System.nanoTime() + "@example.com").key();
        }
        for (int i = from; i < to; i++) {
            String token = bare ? "bare" : rest.expect(201, "POST", "/v1/hosts/enrollment-tokens", ownerKey,
                    Map.of("expires_in_hours", 1)).path("token").asText();
            long started = System.nanoTime();
            try {
                AgentIdentity identity = enroller.enroll(token, "assay-loadgen", "loadgen-" + i);
                report.operation("enroll").succeeded(System.nanoTime() - started);
                enrolled.add(new EnrolledAgent(i, identity, ownerKey));
            } catch (Enroller.EnrollmentFailed e) {
                report.operation("enroll").failed(e.getMessage());
            }
        }
    }

    /** The CA the swarm trusts: the bare server's file, or the marketplace's {@code GET /v1/agents/ca.pem}. */
    static X509Certificate trustAnchor(Optional<java.nio.file.Path> bareCa, MarketplaceRest rest) throws Exception {
        if (bareCa.isPresent()) {
            return AgentIdentity.certificates(bareCa.get()).getFirst();
        }
        MarketplaceRest.Answer pem = rest.call("GET", "/v1/agents/ca.pem", null, null);
        if (pem.status() != 200) {
            throw new IllegalStateException("GET /v1/agents/ca.pem answered " + pem.status());
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("assay-loadgen-ca", ".pem");
        try {
            java.nio.file.Files.writeString(file, pem.text());
            return AgentIdentity.certificates(file).getFirst();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
