package io.zsentinel.alerting.silence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The silences in memory, written through to a store (the compacted silences topic). Read by
 * the silence stage on the dispatcher thread and written by the HTTP API, hence concurrent.
 */
public final class Silences {
    private final Map<String, Silence> byId = new ConcurrentHashMap<>();
    private final Function<Silence, CompletableFuture<Void>> store;
    private final Duration retention;

    public Silences(Function<Silence, CompletableFuture<Void>> store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    /** Loads one read back from the store (restart); expired beyond retention are dropped. */
    public void restore(Silence silence, Instant now) {
        if (!silence.endsAt().plus(retention).isBefore(now)) {
            byId.put(silence.id(), silence);
        }
    }

    public CompletableFuture<Silence> put(Silence silence) {
        return store.apply(silence).thenApply(v -> {
            byId.put(silence.id(), silence);
            return silence;
        });
    }

    /** Expires a silence; empty when there is no such id. */
    public Optional<CompletableFuture<Silence>> expire(String id, Instant now) {
        Silence silence = byId.get(id);
        if (silence == null) {
            return Optional.empty();
        }
        return Optional.of(put(silence.expire(now)));
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Silence> all(Instant now) {
        List<Silence> result = new ArrayList<>();
        for (Silence s : byId.values()) {
            if (!s.endsAt().plus(retention).isBefore(now)) {
                result.add(s);
            }
        }
        result.sort(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id));
        return result;
    }

    /** The active silence muting these labels, if any. */
    public Optional<Silence> mutedBy(Map<String, String> labels, Instant now) {
        for (Silence s : byId.values()) {
            if (s.mutes(labels, now)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
