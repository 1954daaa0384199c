package io.zsentinel.collector.finding;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.zsentinel.events.data.FindingData;
import java.util.Objects;
import java.util.function.Function;

/**
 * One active finding of a subject, from the moment it started firing until it resolves:
 * {@code startsAt} stays the same for the whole episode. {@code last} is what was last
 * published, so the resolved record repeats its labels and details.
 *
 * <p>Immutable, and a value (equal when subject, last and lastSentMs are). A class rather than a
 * record only to keep its JSON once written: it is stored with its job's state at every commit
 * that changed the job, and its labels and annotations would be sorted and written every time
 * ({@code topology.MemoizedJson}).
 */
@JsonPropertyOrder({"subject", "last", "lastSentMs"})
public final class Episode {
    private final String subject;
    private final FindingData last;
    private final long lastSentMs;
    /** This episode's JSON, kept by the store's writer; not part of the value. */
    private volatile Object json;

    @JsonCreator
    public Episode(
            @JsonProperty("subject") String subject,
            @JsonProperty("last") FindingData last,
            @JsonProperty("lastSentMs") long lastSentMs) {
        this.subject = subject;
        this.last = last;
        this.lastSentMs = lastSentMs;
    }

    @JsonProperty("subject")
    public String subject() {
        return subject;
    }

    @JsonProperty("last")
    public FindingData last() {
        return last;
    }

    @JsonProperty("lastSentMs")
    public long lastSentMs() {
        return lastSentMs;
    }

    public String fingerprint() {
        return last.fingerprint();
    }

    /** Its JSON as {@code write} makes it, made once. */
    public Object json(Function<Episode, Object> write) {
        Object text = json;
        if (text == null) {
            text = write.apply(this);
            json = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Episode e
                && lastSentMs == e.lastSentMs
                && Objects.equals(subject, e.subject)
                && Objects.equals(last, e.last);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, last, lastSentMs);
    }

    @Override
    public String toString() {
        return "Episode[subject=" + subject + ", last=" + last + ", lastSentMs=" + lastSentMs + "]";
    }
}
