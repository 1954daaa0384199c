package io.zsentinel.collector.topology;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which subjects a task must evaluate at the next tick: those changed by an event since the
 * last tick, and those whose next time-driven change (RPO crossing its target, a stall, a
 * resend) has come. A tick then costs what changed, not the number of jobs. In memory only: it is
 * rebuilt from the stores when the task starts (every subject is due once).
 */
final class Agenda {
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Long> deadlineOf = new HashMap<>();
    private final TreeMap<Long, Set<String>> byDeadline = new TreeMap<>();

    void touch(String subject) {
        dirty.add(subject);
    }

    void schedule(String subject, long atMs) {
        Long previous = deadlineOf.put(subject, atMs);
        if (previous != null) {
            Set<String> at = byDeadline.get(previous);
            if (at != null) {
                at.remove(subject);
                if (at.isEmpty()) {
                    byDeadline.remove(previous);
                }
            }
        }
        byDeadline.computeIfAbsent(atMs, k -> new LinkedHashSet<>()).add(subject);
    }

    /** Makes {@code subject} due at {@code atMs} at the latest (a sooner deadline or a pending change stays). */
    void scheduleBy(String subject, long atMs) {
        // the deadline first: while data moves, every progress report of a job finds one set by the first
        Long current = deadlineOf.get(subject);
        if (current != null && current <= atMs || dirty.contains(subject)) {
            return;
        }
        schedule(subject, atMs);
    }

    /**
     * The next subject to evaluate now, or null when none is due: first those whose deadline came,
     * the oldest deadline first (an RPO crossing its target must not wait behind a burst of new
     * jobs), then those changed by events, in the order they changed. It leaves the agenda until
     * scheduled or touched again; what a tick does not take stays due.
     */
    String poll(long nowMs) {
        Map.Entry<Long, Set<String>> first = byDeadline.firstEntry();
        if (first != null && first.getKey() <= nowMs) {
            Iterator<String> it = first.getValue().iterator();
            String subject = it.next();
            it.remove();
            if (first.getValue().isEmpty()) {
                byDeadline.remove(first.getKey());
            }
            deadlineOf.remove(subject);
            dirty.remove(subject);
            return subject;
        }
        Iterator<String> it = dirty.iterator();
        if (!it.hasNext()) {
            return null;
        }
        String subject = it.next();
        it.remove();
        Long deadline = deadlineOf.remove(subject);
        if (deadline != null) {
            Set<String> at = byDeadline.get(deadline);
            at.remove(subject);
            if (at.isEmpty()) {
                byDeadline.remove(deadline);
            }
        }
        return subject;
    }

    /** True when a subject is due now (changed, or its deadline came). */
    boolean hasDue(long nowMs) {
        return !dirty.isEmpty() || !byDeadline.isEmpty() && byDeadline.firstKey() <= nowMs;
    }

    /** Subjects changed by events since the last tick. */
    int pending() {
        return dirty.size();
    }

    int size() {
        return deadlineOf.size();
    }
}
