/**
 * Metering: charges every RUNNING pod per second into the billing ledger, and stops the pods of a renter whose
 * balance would not cover the next interval.
 *
 * <p>Public here: {@link dev.assay.api.metering.Metering} (the pass, run by a schedule every
 * {@code assay.metering.interval} on the instance holding the metering lease), {@link dev.assay.api.metering.MeteringPass} (what a pass did) and the port
 * {@link dev.assay.api.metering.PodStopper} that the pod lifecycle implements. Metering implements the
 * lifecycle's port {@link dev.assay.api.pods.RunningTimeSettlement} on the same code path as the pass.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>Only RUNNING time is charged, from the pod's cursor {@code pods.billed_until} to now (or to the
 *       instant it leaves RUNNING).</li>
 *   <li>N seconds at P per hour charge {@code floor(P × N ÷ 1 h)} however they were cut into passes: the
 *       pricing module's {@code UsageMeter} carries the sub-micro-dollar rest in {@code pods.meter_remainder}.</li>
 *   <li>Each second of a pod is charged at most once: the charges and the cursor's move commit together,
 *       under the pod's row lock, and the cursor moves only from the value it was read at.</li>
 *   <li>A renter balance never goes negative: the ledger refuses what it does not cover, and the balance guard
 *       stops a renter's pods before the next interval could cost more than its balance.</li>
 *   <li>Passes run on the metering leader only, and a former leader charges nothing once a newer one has: each
 *       pass transaction is fenced with the leader's token in {@code job_fences}
 *       ({@link dev.assay.api.live.lease}).</li>
 * </ol>
 * See {@code docs/metering.md}.
 */
package dev.assay.api.metering;
