package io.zsentinel.alerting.support;

import io.zsentinel.alerting.notify.Attempt;
import io.zsentinel.alerting.notify.Notification;
import io.zsentinel.alerting.notify.Notifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A hand-written fake receiver: records what it got and answers from a script (default: delivered). */
public final class RecordingNotifier implements Notifier {
    public final List<Notification> received = new ArrayList<>();
    public final List<Integer> attempts = new ArrayList<>();
    private final Deque<Attempt> script = new ArrayDeque<>();

    public RecordingNotifier answer(Attempt... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    @Override
    public CompletableFuture<Attempt> send(Notification notification, int attempt) {
        received.add(notification);
        attempts.add(attempt);
        Attempt answer = script.isEmpty() ? new Attempt.Delivered(200, null) : script.poll();
        return CompletableFuture.completedFuture(answer);
    }

    /** Fingerprints and status of each notification, e.g. {@code firing[a,b] resolved[c]}. */
    public List<String> summaries() {
        return received.stream().map(RecordingNotifier::summary).toList();
    }

    public static String summary(Notification n) {
        return "firing" + n.firing().stream().map(a -> a.fingerprint()).toList() + " resolved"
                + n.resolvedAlerts().stream().map(a -> a.fingerprint()).toList();
    }
}
