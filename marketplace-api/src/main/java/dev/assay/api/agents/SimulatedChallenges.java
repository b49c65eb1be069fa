package dev.assay.api.agents;

import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostRegistry.StoredMachine;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.reputation.challenge.ChallengeOutcome;
import dev.assay.reputation.challenge.ChallengeSpec;
import dev.assay.reputation.challenge.HostSolution;
import dev.assay.reputation.challenge.RowSample;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof-of-GPU rounds for SIMULATED machines that have no agent stream (the demo fleet): the marketplace's side is
 * {@link ChallengeRounds}' own (a fresh seed of the configured size, rows drawn only after the commitment, the
 * reputation module's verifier, passed → VERIFIED, anything else → DEVERIFIED); only the transport differs, a
 * function call in place of the stream. So a simulated host that lies about its GPU is caught by the same check
 * that catches a real one, and nothing here can decide a verdict by itself.
 *
 * <p>Refuses machines that are not simulated: a real machine is challenged over its agent's stream. Thread-safe.
 */
@Singleton
public class SimulatedChallenges {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChallenges.class);

    /** What a simulated host answers: its commitment (and rows to open), and the time it says it took. */
    public record SimulatedAnswer(HostSolution solution, Duration elapsed) {}

    private final ChallengeRounds rounds;
    private final HostRegistry registry;

    SimulatedChallenges(ChallengeRounds rounds, HostRegistry registry) {
        this.rounds = rounds;
        this.registry = registry;
    }

    /**
     * Challenges {@code hostId} as the GPU it claims to be, with {@code host} playing the machine's side, and stores
     * the verification the outcome gives.
     *
     * @return the verifier's outcome, which says why a host failed
     * @throws ApiProblem NOT_FOUND for an unknown host, VALIDATION for a machine that is not simulated
     */
    public ChallengeOutcome challenge(String hostId, Function<ChallengeSpec, SimulatedAnswer> host) {
        StoredMachine machine = registry.storedMachine(hostId)
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "no host " + hostId));
        if (!machine.simulated()) {
            throw new ApiProblem(ProblemType.VALIDATION, "host " + hostId
                    + " is not simulated: a real machine is challenged over its agent's stream");
        }
        ChallengeSpec spec = rounds.freshSpec();
        SimulatedAnswer answer = host.apply(spec);
        // Drawn after the commitment, as over a stream: the host cannot know which rows will be checked.
        RowSample sample = rounds.drawRows(spec);
        ChallengeOutcome outcome = rounds.verify(spec, machine.sku(), answer.solution().answer(answer.elapsed()),
                sample, answer.solution().open(sample), answer.elapsed());
        var verification = ChallengeRounds.verificationAfter(outcome);
        rounds.setVerification(hostId, verification);
        LOG.info("event=challenge_decided host={} verification={} simulated=true why=\"{}\"", hostId, verification,
                AgentMachine.printable(outcome.toString()));
        return outcome;
    }
}
