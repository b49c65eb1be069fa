package dev.assay.api.demo;

import dev.assay.api.market.MarketClock;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The living demo market: at start, registers the SIMULATED fleet ({@link DemoFleet}, or finds it after a restart),
 * then every {@code assay.demo.tick-interval} (default 2 s) runs one {@link #tick}: the hosts' conduct
 * ({@link DemoHostLife}) and, unless {@code assay.demo.renters} is false ({@code ./assay demo --no-renters}), the
 * renters' decisions ({@link DemoRenters}).
 *
 * <p>A tick is small (a few bounded service calls), so the loop never hogs the machine; ticks never overlap (fixed
 * delay), read time only from the {@link MarketClock}, and a failed tick is logged and the next one runs. Tests set
 * the interval to 0 (no scheduling) and call {@link #tick} themselves on a clock they move. Stops with the
 * application. Never in the prod profile.
 */
@Singleton
@Requires(property = "assay.demo.enabled", value = "true")
public class DemoMarket {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMarket.class);

    private final DemoFleet fleet;
    private final DemoHostLife hosts;
    private final DemoRenters renters;
    private final MarketClock clock;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final boolean rentersEnabled;
    private long tick;
    private boolean begun;
    private volatile boolean stopped;
    private ScheduledFuture<?> schedule;

    DemoMarket(DemoFleet fleet, DemoHostLife hosts, DemoRenters renters, MarketClock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${assay.demo.tick-interval:2s}") Duration interval,
            @Value("${assay.demo.renters:true}") boolean rentersEnabled) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("assay.demo.tick-interval must be 0 (no ticks of its own) or positive,"
                    + " was " + interval);
        }
        this.fleet = fleet;
        this.hosts = hosts;
        this.renters = renters;
        this.clock = clock;
        this.scheduler = scheduler;
        this.interval = interval;
        this.rentersEnabled = rentersEnabled;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        fleet.register();
        if (!fleet.active() || fleet.roster().isEmpty()) {
            return;
        }
        begin();
        if (!interval.isZero()) {
            schedule = scheduler.scheduleWithFixedDelay(interval, interval, this::tickLogged);
            LOG.info("event=demo_market_started hosts={} renters={} tick_ms={} simulated=true", fleet.roster().size(),
                    rentersEnabled ? DemoRenters.RENTERS : 0, interval.toMillis());
        }
    }

    /** One step of the market: the hosts' conduct, then the renters' decisions. Returns the tick's number. */
    public synchronized long tick() {
        if (stopped || !fleet.active()) {
            return tick;
        }
        if (!begun) {
            begin();
        }
        tick++;
        Instant now = clock.now();
        hosts.tick(tick, now);
        if (rentersEnabled) {
            renters.tick(tick);
        }
        return tick;
    }

    /** Whether renters act in this market. */
    boolean rentersEnabled() {
        return rentersEnabled;
    }

    private synchronized void begin() {
        if (begun) {
            return;
        }
        begun = true;
        hosts.begin(fleet.roster(), fleet.seed(), clock.now(), fleet.resumed());
        if (rentersEnabled) {
            renters.begin(fleet.roster(), fleet.seed(), tick);
        }
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("event=demo_tick_failed tick={} why=\"{}\"", tick, e.toString(), e);
        }
    }

    /** Shutdown begins: no tick starts from now on, and a tick under way is waited for, while the database is up. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
        synchronized (this) {
            // A tick holds this monitor: taking it waits for the one under way to end.
        }
    }
}
