package io.zsentinel.executor.schedule;

/** A calendar event that does not parse; the message says which part and why. */
public final class ScheduleParseException extends IllegalArgumentException {
    public ScheduleParseException(String spec, String reason) {
        super("invalid schedule '" + spec + "': " + reason);
    }
}
