package dev.assay.agent.session;

import com.google.protobuf.ByteString;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.Challenge;
import dev.assay.proto.agent.v1.ChallengeCommitment;
import dev.assay.proto.agent.v1.ChallengeOpening;
import dev.assay.proto.agent.v1.ChallengeResponse;
import dev.assay.proto.agent.v1.ChallengeRowsRequest;
import dev.assay.proto.agent.v1.RowOpening;
import dev.assay.proto.signing.ChallengeSeed;
import dev.assay.reputation.challenge.ChallengeSpec;
import dev.assay.reputation.challenge.Digest;
import dev.assay.reputation.challenge.HostSolution;
import dev.assay.reputation.challenge.HostSolver;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the marketplace's proof-of-GPU challenge: commit to C = A·B with a Merkle root, then open the rows asked
 * for. The product is computed by the reputation module's pure-Java {@link HostSolver} on a worker thread: this
 * agent has no GPU GEMM kernel for the challenge yet, so it can answer only n ≤ {@link HostSolver#MAX_PURE_JAVA_N}
 * (and a real GPU host answers in CPU time, which the marketplace's time limit may judge too slow).
 */
final class ChallengeResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeResponder.class);
    /** Solutions kept for their row requests; older ones are dropped (a C of n = 2048 is 16 MiB). */
    static final int MAX_KEPT = 2;

    private final ExecutorService worker;
    private final Consumer<AgentMessage> send;
    private final Map<String, HostSolution> kept = new LinkedHashMap<>();

    ChallengeResponder(ExecutorService worker, Consumer<AgentMessage> send) {
        this.worker = worker;
        this.send = send;
    }

    void challenge(Challenge challenge) {
        String id = challenge.getChallengeId();
        long received = System.nanoTime();
        worker.execute(() -> {
            ChallengeSpec spec;
            try {
                // k (how many rows will be opened) is the marketplace's secret; 1 only satisfies the record.
                spec = new ChallengeSpec(ChallengeSeed.fromBytes(challenge.getSeed()), challenge.getN(), 1);
            } catch (IllegalArgumentException e) {
                fail(id, "bad challenge: " + e.getMessage());
                return;
            }
            if (spec.n() > HostSolver.MAX_PURE_JAVA_N) {
                fail(id, "n too large for this agent's solver");
                return;
            }
            HostSolution solution;
            try {
                solution = HostSolver.solve(spec);
            } catch (RuntimeException | OutOfMemoryError e) {
                fail(id, "the product could not be computed: " + e);
                return;
            }
            long elapsedMicros = (System.nanoTime() - received) / 1_000;
            keep(id, solution);
            LOG.info("event=challenge_committed challenge={} n={} elapsed_micros={}", id, spec.n(), elapsedMicros);
            send.accept(message(response(id).setCommitment(ChallengeCommitment.newBuilder()
                    .setMerkleRoot(ByteString.copyFrom(solution.root().bytes()))
                    .setElapsedMicros(elapsedMicros).setGpuIndex(challenge.getGpuIndex()))));
        });
    }

    void rows(ChallengeRowsRequest request) {
        String id = request.getChallengeId();
        HostSolution solution;
        synchronized (kept) {
            solution = kept.remove(id);
        }
        if (solution == null) {
            fail(id, "no commitment kept for this challenge");
            return;
        }
        ChallengeOpening.Builder opening = ChallengeOpening.newBuilder();
        for (int row : request.getRowsList()) {
            if (row >= solution.spec().n()) {
                fail(id, "row " + row + " is not a row of an n = " + solution.spec().n() + " product");
                return;
            }
            dev.assay.reputation.challenge.RowOpening open = solution.open(row);
            opening.addRows(RowOpening.newBuilder().setRow(row)
                    .addAllValues(Arrays.stream(open.values()).boxed().toList())
                    .addAllProof(open.proof().stream().map(Digest::bytes).map(ByteString::copyFrom).toList()));
        }
        LOG.info("event=challenge_opened challenge={} rows={}", id, request.getRowsCount());
        send.accept(message(response(id).setOpening(opening)));
    }

    private void keep(String id, HostSolution solution) {
        synchronized (kept) {
            kept.put(id, solution);
            while (kept.size() > MAX_KEPT) {
                kept.remove(kept.keySet().iterator().next());
            }
        }
    }

    private void fail(String id, String why) {
        LOG.warn("event=challenge_failed challenge={} reason=\"{}\"", id, why);
        send.accept(message(response(id).setFailure(why)));
    }

    private static ChallengeResponse.Builder response(String id) {
        return ChallengeResponse.newBuilder().setChallengeId(id);
    }

    private static AgentMessage message(ChallengeResponse.Builder response) {
        return AgentMessage.newBuilder().setChallengeResponse(response).build();
    }
}
