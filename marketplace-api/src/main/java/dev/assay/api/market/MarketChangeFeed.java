package dev.assay.api.market;

import dev.assay.api.live.LiveStateUnavailable;
import dev.assay.api.live.PeerBus;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every instance's {@link MarketIndex} current: the hosts a commit here changed are announced to the other
 * instances, which re-read them from PostgreSQL. An announcement lost (Redis down) leaves a peer's index stale
 * until its next full reload; that costs a placement retry (the commit checks {@code capacity_version}) or a
 * search result a little old, never a wrong booking.
 */
@Context
@Singleton
class MarketChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(MarketChangeFeed.class);
    static final String TOPIC = "market-change";

    private final PeerBus bus;

    MarketChangeFeed(MarketIndex index, PeerBus bus) {
        this.bus = bus;
        index.onRefresh(this::announce);
        bus.listen(TOPIC, (sender, payload) -> index.refreshFromDatabase(
                Arrays.stream(payload.split(",")).filter(id -> !id.isBlank()).collect(Collectors.toSet())));
    }

    private void announce(Set<String> hostIds) {
        try {
            bus.broadcast(TOPIC, String.join(",", hostIds));
        } catch (LiveStateUnavailable e) {
            LOG.warn("event=market_change_not_announced hosts={} why=\"{}\"", hostIds.size(), e.getMessage());
        }
    }
}
