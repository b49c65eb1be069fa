package dev.assay.api.pods;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a committed change still has to tell the world: hosts whose capacity changed (the market index
 * re-reads them) and starts and stops for the agents. Collected inside the transaction, acted on after it
 * committed, so nothing outside the database hears of a change that rolled back.
 */
final class AfterCommit {

    private final Set<String> hosts = new LinkedHashSet<>();
    private final List<PodLaunch> launches = new ArrayList<>();
    private final List<PodStop> stops = new ArrayList<>();

    void hostChanged(String hostId) {
        hosts.add(hostId);
    }

    void launch(PodLaunch launch) {
        launches.add(launch);
    }

    void stop(PodStop stop) {
        stops.add(stop);
    }

    Set<String> hosts() {
        return hosts;
    }

    List<PodLaunch> launches() {
        return launches;
    }

    List<PodStop> stops() {
        return stops;
    }
}
