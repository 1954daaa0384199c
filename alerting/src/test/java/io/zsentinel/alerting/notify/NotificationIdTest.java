package io.zsentinel.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.nflog.InMemoryNotificationLog;
import io.zsentinel.alerting.nflog.NflogEntry;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationIdTest {
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void sameNotificationSameIdInAnyProcessAndOrder() {
        assertThat(NotificationId.of("g", "hook", Set.of("a", "b"), Set.of(), T))
                .isEqualTo(NotificationId.of("g", "hook", Set.of("b", "a"), Set.of(), T))
                .startsWith("msg_")
                .hasSize(36);
    }

    @Test
    void anythingThatMakesItAnotherNotificationChangesTheId() {
        String id = NotificationId.of("g", "hook", Set.of("a"), Set.of(), T);
        assertThat(NotificationId.of("g2", "hook", Set.of("a"), Set.of(), T)).isNotEqualTo(id);
        assertThat(NotificationId.of("g", "zbx", Set.of("a"), Set.of(), T)).isNotEqualTo(id);
        assertThat(NotificationId.of("g", "hook", Set.of(), Set.of("a"), T)).isNotEqualTo(id);
        assertThat(NotificationId.of("g", "hook", Set.of("a"), Set.of(), T.plusSeconds(1)))
                .isNotEqualTo(id);
        assertThat(NotificationId.of("g", "hook", Set.of("a"), Set.of(), null)).isNotEqualTo(id);
    }

    @Test
    void expiredLogEntriesAreFound() {
        InMemoryNotificationLog log = new InMemoryNotificationLog();
        log.put(new NflogEntry("g1", "r", Set.of("a"), Set.of(), T, T.plusSeconds(10), "x"));
        log.put(new NflogEntry("g2", "r", Set.of("a"), Set.of(), T, T.plusSeconds(100), "y"));
        assertThat(log.expired(T.plusSeconds(50))).containsExactly(NflogEntry.key("g1", "r"));
    }
}
