package io.zsentinel.alerting.silence;

import io.zsentinel.alerting.model.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence (Alertmanager's model): alerts whose labels match every matcher are not notified
 * between {@code startsAt} and {@code endsAt}. Expiring one sets {@code endsAt} to now; the
 * record stays for history until the retention has passed.
 */
public record Silence(
        String id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        Instant updatedAt) {
    public enum State {
        PENDING,
        ACTIVE,
        EXPIRED
    }

    public Silence {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (!endsAt.isAfter(startsAt) && !endsAt.equals(startsAt)) {
            throw new IllegalArgumentException("endsAt must not be before startsAt");
        }
    }

    public State state(Instant now) {
        if (now.isBefore(startsAt)) {
            return State.PENDING;
        }
        return now.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return state(now) == State.ACTIVE && Matcher.all(matchers, labels);
    }

    public Silence expire(Instant now) {
        Instant end = now.isBefore(startsAt) ? startsAt : now;
        return new Silence(id, matchers, startsAt, end, createdBy, comment, now);
    }
}
