package io.zsentinel.events;

import io.zsentinel.events.data.EventData;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event as zsentinel publishes it: the attributes and a typed {@code data}
 * record. Build it with {@link #of}; serialize it with {@link EventCodec}.
 *
 * @param id unique per event; consumers dedup on it
 * @param source {@code zsentinel://<service>/<instance>}
 * @param subject the job key, pool key or finding fingerprint the event is about
 */
public record Envelope(String id, String source, EventType type, Instant time, String subject, EventData data) {
    public static final String SPEC_VERSION = "1.0";

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(
                    type.wireName() + " carries " + type.dataClass().getSimpleName() + ", not "
                            + data.getClass().getSimpleName());
        }
        if (data instanceof io.zsentinel.events.data.CommandData command
                && !type.wireName().equals("zsentinel.command." + command.action())) {
            // the signature covers the action, not the type: they must agree
            throw new IllegalArgumentException(type.wireName() + " cannot carry a '" + command.action() + "' command");
        }
    }

    /** A new event with a random id, stamped with the clock's time. */
    public static Envelope of(EventType type, String source, String subject, EventData data, Clock clock) {
        return new Envelope(UUID.randomUUID().toString(), source, type, clock.instant(), subject, data);
    }

    /** The {@code source} URI of a service instance. */
    public static String source(String service, String instance) {
        return "zsentinel://" + service + "/" + instance;
    }

    public <T extends EventData> T data(Class<T> expected) {
        return expected.cast(data);
    }
}
