package dev.assay.loadgen.agents;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The pod hosts answer the proof-of-GPU challenge honestly, as the real agent does (the reputation module's
 * pure-Java solver, off the event loop), so the marketplace keeps them in the market; the other swarm agents have no
 * machine row and are never challenged. SIMULATED: the product is computed on this CPU, not on a GPU.
 */
final class ChallengeAnswers {

    private final Executor worker;
    private final Consumer<AgentMessage> send;
    private final ConcurrentHashMap<String, HostSolution> kept = new ConcurrentHashMap<>();

    ChallengeAnswers(Executor worker, Consumer<AgentMessage> send) {
        this.worker = worker;
        this.send = send;
    }

    void challenge(Challenge challenge) {
        worker.execute(() -> {
            long started = System.nanoTime();
            String id = challenge.getChallengeId();
            try {
                // k (the rows to be opened) is the marketplace's secret; 1 only satisfies the record.
                HostSolution solution = HostSolver.solve(new ChallengeSpec(ChallengeSeed.fromBytes(challenge.getSeed()),
                        challenge.getN(), 1));
                kept.put(id, solution);
                send.accept(message(ChallengeResponse.newBuilder().setChallengeId(id).setCommitment(
                        ChallengeCommitment.newBuilder().setMerkleRoot(ByteString.copyFrom(solution.root().bytes()))
                                .setElapsedMicros((System.nanoTime() - started) / 1_000)
                                .setGpuIndex(challenge.getGpuIndex()))));
            } catch (RuntimeException e) {
                send.accept(message(ChallengeResponse.newBuilder().setChallengeId(id).setFailure(e.toString())));
            }
        });
    }

    void rows(ChallengeRowsRequest request) {
        HostSolution solution = kept.remove(request.getChallengeId());
        if (solution == null) {
            send.accept(message(ChallengeResponse.newBuilder().setChallengeId(request.getChallengeId())
                    .setFailure("no commitment kept for this challenge")));
            return;
        }
        ChallengeOpening.Builder opening = ChallengeOpening.newBuilder();
        for (int row : request.getRowsList()) {
            dev.assay.reputation.challenge.RowOpening open = solution.open(row);
            opening.addRows(RowOpening.newBuilder().setRow(row)
                    .addAllValues(Arrays.stream(open.values()).boxed().toList())
                    .addAllProof(open.proof().stream().map(Digest::bytes).map(ByteString::copyFrom).toList()));
        }
        send.accept(message(ChallengeResponse.newBuilder().setChallengeId(request.getChallengeId())
                .setOpening(opening)));
    }

    private static AgentMessage message(ChallengeResponse.Builder response) {
        return AgentMessage.newBuilder().setChallengeResponse(response).build();
    }
}
