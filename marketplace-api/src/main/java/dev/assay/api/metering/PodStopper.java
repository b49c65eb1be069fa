package dev.assay.api.metering;

/**
 * Stops a renter's pod, keeping its disk, when the balance guard says the balance would otherwise go
 * negative before the next metering pass. Implemented by the pod lifecycle, the only writer of pod states.
 */
public interface PodStopper {

    void stopForBalance(String podId, String reason);
}
