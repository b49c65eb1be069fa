package dev.assay.api.live.lease;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes this instance's {@link InstanceId} once, at start. */
@Factory
class InstanceIdFactory {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceIdFactory.class);

    @Singleton
    InstanceId instanceId() {
        InstanceId id = InstanceId.random();
        LOG.info("event=instance_started instance={}", id);
        return id;
    }
}
