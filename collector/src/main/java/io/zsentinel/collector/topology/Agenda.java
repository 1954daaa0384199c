package io.zsentinel.collector.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** The subjects to evaluate now; they leave the agenda until scheduled again. */
    List<String> due(long nowMs) {
        Set<String> result = new LinkedHashSet<>(dirty);
        dirty.clear();
        Iterator<Map.Entry<Long, Set<String>>> it = byDeadline.headMap(nowMs, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Set<String>> entry = it.next();
            for (String subject : entry.getValue()) {
                deadlineOf.remove(subject);
                result.add(subject);
            }
            it.remove();
        }
        return new ArrayList<>(result);
    }

    /** Subjects changed by events since the last tick. */
    int pending() {
        return dirty.size();
    }

    int size() {
        return deadlineOf.size();
    }
}
