package dev.assay.api.metering;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The recording stopper, preferred over the pod lifecycle's real one in the metering contract's context only:
 * those tests check whom the guard asks to stop, not how a pod stops. Elsewhere {@link RecordingPodStopper}
 * stays secondary, so the lifecycle's stopper wins wherever it exists.
 */
@Singleton
@Primary
@Requires(property = "metering-test.doubles", value = "true")
class MeteringTestPodStopper extends RecordingPodStopper {
}
