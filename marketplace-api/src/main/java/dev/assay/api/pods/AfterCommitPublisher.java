package dev.assay.api.pods;

import dev.assay.api.market.MarketIndex;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a committed change: the market index re-reads the hosts it touched, then agents hear of stops
 * and starts. A failure here cannot undo the commit, so it is logged, not thrown: the periodic index reload
 * and the agent's own reconciliation on reconnect repair what was missed.
 */
@Singleton
class AfterCommitPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(AfterCommitPublisher.class);

    private final MarketIndex index;
    private final AgentGateway gateway;

    AfterCommitPublisher(MarketIndex index, AgentGateway gateway) {
        this.index = index;
        this.gateway = gateway;
    }

    void publish(AfterCommit after) {
        try {
            index.refresh(after.hosts());
        } catch (RuntimeException e) {
            LOG.warn("event=market_index_refresh_failed hosts={}", after.hosts(), e);
        }
        for (PodStop stop : after.stops()) {
            try {
                gateway.stopPod(stop);
            } catch (RuntimeException e) {
                LOG.warn("event=stop_pod_failed pod={} host={}", stop.podId(), stop.hostId(), e);
            }
        }
        for (PodLaunch launch : after.launches()) {
            try {
                gateway.startPod(launch);
            } catch (RuntimeException e) {
                LOG.warn("event=start_pod_failed pod={} host={}", launch.podId(), launch.hostId(), e);
            }
        }
    }
}
