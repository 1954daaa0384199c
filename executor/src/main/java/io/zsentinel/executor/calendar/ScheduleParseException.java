package io.zsentinel.executor.calendar;

/** A calendar event that does not parse; the message says which part and why. */
public final class ScheduleParseException extends IllegalArgumentException {
    public ScheduleParseException(String spec, String reason) {
        super("invalid schedule '" + spec + "': " + reason);
    }
}
