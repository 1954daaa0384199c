package io.zsentinel.events;

import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.DrillData;
import io.zsentinel.events.data.EventData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.HeartbeatData;
import io.zsentinel.events.data.InventoryData;
import io.zsentinel.events.data.JobFailedData;
import io.zsentinel.events.data.JobSucceededData;
import io.zsentinel.events.data.PoolUsageData;
import io.zsentinel.events.data.ResyncData;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.SnapshotData;
import io.zsentinel.events.data.TransferCompletedData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every CloudEvents {@code type} zsentinel publishes, the record its {@code data} holds, and
 * the ECS classification a SIEM sees in {@code data.event}. The wire name is the contract;
 * the enum constant name is not.
 */
public enum EventType {
    SNAPSHOT_CREATED("zsentinel.snapshot.created", SnapshotData.class, Ecs.event("host", "creation")),
    SNAPSHOT_DESTROYED("zsentinel.snapshot.destroyed", SnapshotData.class, Ecs.event("host", "deletion")),
    SEND_STARTED("zsentinel.send.started", SendStartedData.class, Ecs.event("host", "start")),
    SEND_PROGRESS("zsentinel.send.progress", SendProgressData.class, Ecs.metric("host", "info")),
    SEND_COMPLETED("zsentinel.send.completed", TransferCompletedData.class, Ecs.success("host", "end")),
    RECEIVE_COMPLETED("zsentinel.receive.completed", TransferCompletedData.class, Ecs.success("host", "end")),
    JOB_SUCCEEDED("zsentinel.job.succeeded", JobSucceededData.class, Ecs.success("host", "end")),
    JOB_FAILED("zsentinel.job.failed", JobFailedData.class, Ecs.failure("host", "end", "error")),
    INVENTORY_REPORTED("zsentinel.inventory.reported", InventoryData.class, Ecs.state("host", "info")),
    POOL_USAGE("zsentinel.pool.usage", PoolUsageData.class, Ecs.metric("host", "info")),
    EXECUTOR_HEARTBEAT("zsentinel.executor.heartbeat", HeartbeatData.class, Ecs.state("process", "info")),
    RESYNC_STARTED("zsentinel.resync.started", ResyncData.class, Ecs.event("host", "start", "change")),
    RESYNC_COMPLETED("zsentinel.resync.completed", ResyncData.class, Ecs.success("host", "end", "change")),
    RESYNC_REFUSED("zsentinel.resync.refused", ResyncData.class, Ecs.failure("host", "denied")),
    DRILL_COMPLETED("zsentinel.drill.completed", DrillData.class, Ecs.success("host", "end")),
    DRILL_FAILED("zsentinel.drill.failed", DrillData.class, Ecs.failure("host", "end", "error")),
    FINDING("zsentinel.finding", FindingData.class, Ecs.alert("host", "info")),
    COMMAND_RUN_NOW("zsentinel.command.run-now", CommandData.class, Ecs.event("configuration", "start")),
    COMMAND_RESYNC("zsentinel.command.resync", CommandData.class, Ecs.event("configuration", "change")),
    AUDIT("zsentinel.audit", AuditData.class, Ecs.event("configuration", "access"));

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Class<? extends EventData> dataClass;
    private final Ecs ecs;

    EventType(String wireName, Class<? extends EventData> dataClass, Ecs ecs) {
        this.wireName = wireName;
        this.dataClass = dataClass;
        this.ecs = ecs;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    public Ecs ecs() {
        return ecs;
    }

    /** The file under {@code schemas/} that describes this type. */
    public String schemaResource() {
        return "/schemas/" + wireName + ".json";
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    /**
     * ECS classification: {@code event.kind}, {@code event.category}, {@code event.type} and,
     * when the type alone decides it, {@code event.outcome}.
     */
    public record Ecs(String kind, List<String> category, List<String> type, String outcome) {
        static Ecs event(String category, String... types) {
            return new Ecs("event", List.of(category), List.of(types), null);
        }

        static Ecs success(String category, String... types) {
            return new Ecs("event", List.of(category), List.of(types), "success");
        }

        static Ecs failure(String category, String... types) {
            return new Ecs("event", List.of(category), List.of(types), "failure");
        }

        static Ecs metric(String category, String... types) {
            return new Ecs("metric", List.of(category), List.of(types), null);
        }

        static Ecs state(String category, String... types) {
            return new Ecs("state", List.of(category), List.of(types), null);
        }

        static Ecs alert(String category, String... types) {
            return new Ecs("alert", List.of(category), List.of(types), null);
        }
    }
}
