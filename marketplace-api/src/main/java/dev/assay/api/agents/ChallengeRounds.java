package dev.assay.api.agents;

import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.problem.ApiProblem;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.proto.agent.v1.Challenge;
import dev.assay.proto.agent.v1.ChallengeResponse;
import dev.assay.proto.agent.v1.ChallengeRowsRequest;
import dev.assay.proto.agent.v1.Drain;
import dev.assay.proto.agent.v1.MarketplaceMessage;
import dev.assay.proto.signing.ChallengeSeed;
import dev.assay.reputation.challenge.ChallengeAnswer;
import dev.assay.reputation.challenge.ChallengeOutcome;
import dev.assay.reputation.challenge.ChallengeSpec;
import dev.assay.reputation.challenge.ChallengeVerifier;
import dev.assay.reputation.challenge.Digest;
import dev.assay.reputation.challenge.RowOpening;
import dev.assay.reputation.challenge.RowSample;
import dev.assay.reputation.sku.GpuSku;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The marketplace's side of the proof-of-GPU challenge over an agent's stream (the maths is the reputation
 * module's; docs/marketplace-rules.md has the rules). A round: send a fresh seed and size; the agent commits to
 * C = A·B with a Merkle root; only then are k rows drawn, from a second fresh seed, and asked for; the openings
 * are checked against the root and recomputed. The outcome sets the host's verification:
 *
 * <ul>
 *   <li>passed → VERIFIED;
 *   <li>a wrong, unopened or re-committed row, or an answer slower than the claimed GPU allows → DEVERIFIED, and
 *       the agent is told to drain: a host that lied about its GPU gets no new pods;
 *   <li>no answer (the agent reports it could not compute, or the deadline passed without a commitment) →
 *       UNVERIFIED: the host is not believed, but not called a liar either.
 * </ul>
 *
 * <p>A round whose stream ends is left undecided; the agent is challenged again when it reconnects.
 *
 * <p>A round is opened when a machine's row is first written and then at random times (exponentially
 * distributed, so a host cannot predict when the next one comes). One round per session at a time; the session's
 * monitor guards it.
 */
@Singleton
class ChallengeRounds {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeRounds.class);
    /** Time the agent gets to open the rows once asked: recomputing is not timed, hashing k rows is quick. */
    static final Duration OPENING_ALLOWANCE = Duration.ofSeconds(30);

    /** A challenge under way on one session. */
    static final class Round {
        final String id;
        final ChallengeSpec spec;
        final GpuSku claimed;
        final Instant sentAt;
        final Instant deadline;
        ChallengeAnswer answer;
        Duration roundTrip;
        RowSample sample;
        Instant openingDeadline;

        Round(String id, ChallengeSpec spec, GpuSku claimed, Instant sentAt, Instant deadline) {
            this.id = id;
            this.spec = spec;
            this.claimed = claimed;
            this.sentAt = sentAt;
            this.deadline = deadline;
        }
    }

    private final HostRegistry registry;
    private final ChallengeVerifier verifier = ChallengeVerifier.withDefaults();
    private final SecureRandom random = new SecureRandom();
    private final int n;
    private final int k;
    private final Duration meanInterval;

    ChallengeRounds(HostRegistry registry, @Value("${assay.agents.challenge.n:256}") int n,
            @Value("${assay.agents.challenge.k:32}") int k,
            @Value("${assay.agents.challenge.mean-interval:6h}") Duration meanInterval) {
        new ChallengeSpec(0, n, k); // refuses a size or row count out of range at start, naming the setting
        if (meanInterval.isNegative() || meanInterval.isZero()) {
            throw new IllegalArgumentException("assay.agents.challenge.mean-interval must be positive, was " + meanInterval);
        }
        this.registry = registry;
        this.n = n;
        this.k = k;
        this.meanInterval = meanInterval;
    }

    /** When the next round after {@code now} should start: exponentially distributed around the mean interval. */
    Instant nextAfter(Instant now) {
        double u = 1 - random.nextDouble(); // (0, 1]
        long millis = (long) Math.min(-Math.log(u) * meanInterval.toMillis(), 10.0 * meanInterval.toMillis());
        return now.plusMillis(Math.max(1_000, millis));
    }

    /** Opens a round on the session and sends its challenge; does nothing while one is open. */
    void open(AgentSessions.Session session, GpuSku claimed, Instant now) {
        Round round;
        synchronized (session) {
            if (session.challenge != null) {
                return;
            }
            ChallengeSpec spec = freshSpec();
            Duration limit = verifier.timeLimit(spec, claimed);
            round = new Round("chl_" + UUID.randomUUID(), spec, claimed, now, now.plus(limit));
            session.challenge = round;
        }
        LOG.info("event=challenge_sent host={} challenge={} n={} k={} limit_ms={}", session.host.hostId(), round.id,
                n, k, Duration.between(round.sentAt, round.deadline).toMillis());
        session.send(MarketplaceMessage.newBuilder().setChallenge(Challenge.newBuilder()
                .setChallengeId(round.id)
                .setSeed(ChallengeSeed.toBytes(round.spec.seed()))
                .setN(round.spec.n())
                .setGpuIndex(random.nextInt(Math.max(1, session.gpuCount)))
                .setDeadlineMillis((int) Math.min(Integer.MAX_VALUE,
                        Duration.between(round.sentAt, round.deadline).toMillis()))).build());
    }

    /** Takes the agent's answer to the open round: a commitment is answered with the rows to open. */
    void answer(AgentSessions.Session session, ChallengeResponse response, Instant now) {
        Round round;
        synchronized (session) {
            round = session.challenge;
            if (round == null || !round.id.equals(response.getChallengeId())) {
                LOG.info("event=challenge_answer_ignored host={} challenge=\"{}\" why=\"no such open challenge\"",
                        session.host.hostId(), AgentMachine.printable(response.getChallengeId()));
                return;
            }
        }
        switch (response.getBodyCase()) {
            case COMMITMENT -> commitment(session, round, response, now);
            case OPENING -> opening(session, round, response);
            case FAILURE -> decide(session, round, VerificationState.UNVERIFIED,
                    "the agent could not compute the product: " + AgentMachine.printable(response.getFailure()));
            default -> decide(session, round, VerificationState.DEVERIFIED, "an empty challenge response");
        }
    }

    /** Decides a round whose deadline passed without an answer (UNVERIFIED), or whose rows never came. */
    void expireIfLate(AgentSessions.Session session, Instant now) {
        Round round;
        synchronized (session) {
            round = session.challenge;
        }
        if (round == null) {
            return;
        }
        if (round.answer == null && now.isAfter(round.deadline.plus(OPENING_ALLOWANCE))) {
            decide(session, round, VerificationState.UNVERIFIED, "no commitment within the deadline");
        } else if (round.openingDeadline != null && now.isAfter(round.openingDeadline)) {
            decide(session, round, VerificationState.DEVERIFIED, "the rows asked for were not opened in time");
        }
    }

    private void commitment(AgentSessions.Session session, Round round, ChallengeResponse response, Instant now) {
        if (round.answer != null) {
            decide(session, round, VerificationState.DEVERIFIED, "committed twice to one challenge");
            return;
        }
        var commitment = response.getCommitment();
        try {
            round.answer = new ChallengeAnswer(Digest.of(commitment.getMerkleRoot().toByteArray()),
                    Duration.ofNanos(Math.multiplyExact(commitment.getElapsedMicros(), 1_000L)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            decide(session, round, VerificationState.DEVERIFIED, "a malformed commitment: " + e.getMessage());
            return;
        }
        round.roundTrip = Duration.between(round.sentAt, now);
        // Only now, with the host bound to every row, are the rows drawn (from a second fresh seed).
        round.sample = drawRows(round.spec);
        round.openingDeadline = now.plus(OPENING_ALLOWANCE);
        session.send(MarketplaceMessage.newBuilder().setChallengeRowsRequest(ChallengeRowsRequest.newBuilder()
                .setChallengeId(round.id).addAllRows(round.sample.rows())).build());
    }

    private void opening(AgentSessions.Session session, Round round, ChallengeResponse response) {
        if (round.sample == null) {
            decide(session, round, VerificationState.DEVERIFIED, "opened rows before committing");
            return;
        }
        List<RowOpening> openings = new ArrayList<>();
        try {
            for (var row : response.getOpening().getRowsList()) {
                List<Digest> proof = row.getProofList().stream().map(b -> Digest.of(b.toByteArray())).toList();
                openings.add(new RowOpening(row.getRow(), row.getValuesList().stream().mapToInt(Integer::intValue)
                        .toArray(), proof));
            }
        } catch (IllegalArgumentException e) {
            decide(session, round, VerificationState.DEVERIFIED, "a malformed opening: " + e.getMessage());
            return;
        }
        ChallengeOutcome outcome = verifier.verify(round.spec, round.claimed, round.answer, round.sample, openings,
                round.roundTrip);
        decide(session, round, verificationAfter(outcome), outcome.toString());
    }

    private void decide(AgentSessions.Session session, Round round, VerificationState state, String why) {
        synchronized (session) {
            if (session.challenge != round) {
                return;
            }
            session.challenge = null;
        }
        LOG.info("event=challenge_decided host={} challenge={} verification={} why=\"{}\"", session.host.hostId(),
                round.id, state, AgentMachine.printable(why));
        setVerification(session.host.hostId(), state);
        if (state == VerificationState.DEVERIFIED) {
            session.send(MarketplaceMessage.newBuilder().setDrain(Drain.newBuilder()
                    .setReason("deverified: the proof-of-GPU challenge failed (" + AgentMachine.printable(why) + ")"))
                    .build());
        }
    }

    /** A challenge of this marketplace's size (n, k) from a fresh, unpredictable seed. */
    ChallengeSpec freshSpec() {
        return new ChallengeSpec(random.nextLong(), n, k);
    }

    /** The rows to open, drawn from a second fresh seed: only once the host committed. */
    RowSample drawRows(ChallengeSpec spec) {
        return RowSample.draw(random.nextLong(), spec);
    }

    ChallengeOutcome verify(ChallengeSpec spec, GpuSku claimed, ChallengeAnswer answer, RowSample sample,
            List<RowOpening> openings, Duration roundTrip) {
        return verifier.verify(spec, claimed, answer, sample, openings, roundTrip);
    }

    /** Passed → VERIFIED; any wrong, unopened or late answer → DEVERIFIED. */
    static VerificationState verificationAfter(ChallengeOutcome outcome) {
        return outcome.passed() ? VerificationState.VERIFIED : VerificationState.DEVERIFIED;
    }

    void setVerification(String hostId, VerificationState state) {
        for (int attempt = 1; ; attempt++) {
            try {
                registry.setVerification(hostId, state);
                return;
            } catch (ApiProblem conflict) {
                if (attempt == 5) {
                    throw conflict; // a host changed five times in a row while this was written: say so in the log
                }
            }
        }
    }
}
