package io.zsentinel.events.data;

/**
 * The typed {@code data} of an event. Implementations are immutable records; their
 * components are the JSON fields, documented in {@code events/README.md} and the schemas.
 */
public sealed interface EventData
        permits SnapshotData,
                SendStartedData,
                SendProgressData,
                TransferCompletedData,
                JobSucceededData,
                JobFailedData,
                InventoryData,
                PoolUsageData,
                HeartbeatData,
                ResyncData,
                DrillData,
                FindingData,
                CommandData,
                AuditData {

    /** ECS {@code host.name}: the node the fact is about, or null when it is about no node. */
    String hostName();

    /** ECS {@code event.outcome} when the record decides it; null to take the type's default. */
    default String outcome() {
        return null;
    }
}
