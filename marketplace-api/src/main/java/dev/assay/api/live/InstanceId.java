package dev.assay.api.live;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * This marketplace instance's id, new at every start: what the agent directory says holds an agent's stream, where
 * commands for it are routed, and who holds a job's lease.
 */
@Singleton
public final class InstanceId {

    private final String value = "ins_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
