package io.zsentinel.collector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgendaTest {
    final Agenda agenda = new Agenda();

    List<String> drain(long now) {
        List<String> taken = new ArrayList<>();
        for (String s = agenda.poll(now); s != null; s = agenda.poll(now)) {
            taken.add(s);
        }
        return taken;
    }

    @Test
    void deadlinesThatCameGoFirstOldestFirstThenChangesInTheirOrder() {
        agenda.touch("j:new-1");
        agenda.touch("j:new-2");
        agenda.schedule("j:breach-late", 900);
        agenda.schedule("j:breach-early", 500);
        agenda.schedule("j:future", 5_000);
        assertThat(agenda.hasDue(1_000)).isTrue();
        assertThat(drain(1_000)).containsExactly("j:breach-early", "j:breach-late", "j:new-1", "j:new-2");
        assertThat(agenda.hasDue(1_000)).isFalse();
        assertThat(agenda.hasDue(5_000)).isTrue();
        assertThat(drain(5_000)).containsExactly("j:future");
        assertThat(agenda.size()).isZero();
    }

    @Test
    void aSubjectIsTakenOnceWhetherItChangedOrCameDue() {
        agenda.schedule("j:a", 100);
        agenda.touch("j:a");
        agenda.touch("j:b");
        agenda.schedule("j:b", 10_000);
        assertThat(drain(200)).containsExactly("j:a", "j:b");
        assertThat(agenda.size()).isZero();
        assertThat(agenda.hasDue(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void whatATickLeavesStaysDueInItsOrder() {
        for (int i = 0; i < 5; i++) {
            agenda.touch("j:" + i);
        }
        assertThat(agenda.poll(0)).isEqualTo("j:0");
        assertThat(agenda.poll(0)).isEqualTo("j:1");
        agenda.schedule("j:late", 0); // came due between two ticks: before the rest of the burst
        assertThat(agenda.pending()).isEqualTo(3);
        assertThat(drain(0)).containsExactly("j:late", "j:2", "j:3", "j:4");
    }

    @Test
    void scheduleByKeepsASoonerDeadlineOrAPendingChange() {
        agenda.schedule("j:a", 100);
        agenda.scheduleBy("j:a", 500);
        agenda.touch("j:b");
        agenda.scheduleBy("j:b", 50);
        assertThat(drain(100)).containsExactly("j:a", "j:b");
    }
}
