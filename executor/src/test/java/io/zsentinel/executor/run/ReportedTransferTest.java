package io.zsentinel.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.JobKey;
import io.zsentinel.events.data.SendProgressData;
import io.zsentinel.events.data.SendStartedData;
import io.zsentinel.events.data.TransferCompletedData;
import io.zsentinel.events.kafka.Topics;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.config.JobConfig;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ScriptedShell;
import io.zsentinel.executor.node.ZfsNode;
import io.zsentinel.executor.publish.EventPublisher;
import io.zsentinel.executor.transfer.ProgressPacer;
import io.zsentinel.remote.CommandResult;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The transfer a run and a resync share, on hand-written shells that answer like an OpenZFS node
 * and a send stream that moves a test ticker: what is published, in which order, and how often
 * progress is, counted against the ticker's time rather than measured.
 */
class ReportedTransferTest {
    static final String DS = "rpool/data/subvol-101-disk-0";
    static final String USAGE = """
            	list [-Hp] [-r|-d max] [-o property[,...]]
            	send [-DLPbcehnpsVvw] [-i|-I snapshot] <snapshot>
            	receive [-vMnsFhu] <filesystem|volume|snapshot>
            	hold [-r] <tag> <snapshot> ...
            """;
    static final int CHUNK = 64 * 1024;

    final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    final List<Envelope> published = new ArrayList<>();
    final RunEvents events = new RunEvents(
            new EventPublisher() {
                @Override
                public void publish(String topic, String key, Envelope event) {
                    published.add(event);
                }

                @Override
                public void close() {}
            },
            Topics.defaults(),
            "test",
            Clock.fixed(Instant.parse("2025-11-26T07:00:00Z"), ZoneOffset.UTC));
    final JobConfig job = new JobConfig(
            new JobKey("lab", "101-0"),
            "pve1",
            "pve2",
            List.of(DS),
            CalendarEvent.parse("*/15"),
            0,
            Duration.ofMinutes(20),
            true);

    /** {@code chunks} reads of {@link #CHUNK} bytes, each taking {@code step} of the ticker's time. */
    InputStream stream(int chunks, Duration step) {
        return new InputStream() {
            int left = chunks;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                left--;
                nanos.addAndGet(step.toNanos());
                return Math.min(len, CHUNK);
            }
        };
    }

    final ScriptedShell pve1 = new ScriptedShell(
            "pve1",
            Map.of(
                    "zfs",
                    new CommandResult(2, "", USAGE),
                    "zfs send -nvP " + DS + "@b",
                    new CommandResult(0, "full\t" + DS + "@b\t9999\nsize\t9999\n", ""),
                    "zfs send -nvP -I " + DS + "@a " + DS + "@b",
                    new CommandResult(0, "size\t1234\n", "")));
    final ScriptedShell pve2 = new ScriptedShell("pve2", Map.of("zfs", new CommandResult(2, "", USAGE)));

    long send(String base) throws NodeFailure {
        return new ReportedTransfer(
                        job,
                        new ZfsNode(pve1, ZoneOffset.UTC),
                        new ZfsNode(pve2, ZoneOffset.UTC),
                        events,
                        "run-1",
                        new AtomicBoolean(),
                        nanos::get)
                .send(DS, base, "b", "777", false);
    }

    @Test
    void aFullSendReportsStartedProgressAtMostOncePerSecondAndCompleted() throws Exception {
        // 40 reads of 100 ms each: 4 s of ticker time, so progress at 1, 2, 3 and 4 s and never more
        pve1.stdout = stream(40, Duration.ofMillis(100));
        long bytes = send(null);
        assertThat(bytes).isEqualTo(40L * CHUNK);
        assertThat(published)
                .extracting(Envelope::type)
                .containsExactly(
                        EventType.SEND_STARTED,
                        EventType.SEND_PROGRESS,
                        EventType.SEND_PROGRESS,
                        EventType.SEND_PROGRESS,
                        EventType.SEND_PROGRESS,
                        EventType.SEND_COMPLETED,
                        EventType.RECEIVE_COMPLETED);
        SendStartedData started = published.get(0).data(SendStartedData.class);
        assertThat(started.full()).isTrue();
        assertThat(started.from()).isNull();
        assertThat(started.estimatedBytes()).isEqualTo(9999L);
        List<SendProgressData> progress = published.subList(1, 5).stream()
                .map(e -> e.data(SendProgressData.class))
                .toList();
        assertThat(progress)
                .extracting(SendProgressData::bytesDone)
                .containsExactly(10L * CHUNK, 20L * CHUNK, 30L * CHUNK, 40L * CHUNK);
        assertThat(progress).extracting(SendProgressData::bytesPerSecond).containsOnly(10L * CHUNK);
        assertThat(progress).extracting(SendProgressData::estimatedBytes).containsOnly(9999L);
        TransferCompletedData sent = published.get(5).data(TransferCompletedData.class);
        TransferCompletedData received = published.get(6).data(TransferCompletedData.class);
        assertThat(List.of(sent.node(), received.node())).containsExactly("pve1", "pve2");
        assertThat(received.bytes()).isEqualTo(bytes);
        assertThat(received.durationMs()).isEqualTo(4000);
        assertThat(received.guid()).isEqualTo("777");
        assertThat(published).allSatisfy(e -> assertThat(runId(e)).isEqualTo("run-1"));
        // a dataset a full receive created gets atime off; nothing was held
        assertThat(pve2.ran).contains("zfs set atime=off " + DS);
        assertThat(pve1.ran).noneMatch(c -> c.startsWith("zfs hold"));
    }

    @Test
    void aThousandBuffersWithinASecondGiveNoProgress() throws Exception {
        pve1.stdout = stream(1000, Duration.ofNanos(999_999));
        send(null);
        assertThat(published).extracting(Envelope::type).doesNotContain(EventType.SEND_PROGRESS);
    }

    @Test
    void anIncrementalSendHoldsItsBaseAndNamesIt() throws Exception {
        pve1.stdout = stream(3, Duration.ofMillis(10));
        send("a");
        SendStartedData started = published.get(0).data(SendStartedData.class);
        assertThat(started.from()).isEqualTo("a");
        assertThat(started.estimatedBytes()).isEqualTo(1234L);
        assertThat(pve1.ran)
                .containsSubsequence(
                        "zfs hold zsentinel_101-0 " + DS + "@a",
                        "zfs send -I " + DS + "@a " + DS + "@b",
                        "zfs release zsentinel_101-0 " + DS + "@a");
        assertThat(pve2.ran).noneMatch(c -> c.contains("atime"));
    }

    @Test
    void aRefusedReceiveReleasesTheHoldAndCompletesNothing() {
        pve1.stdout = stream(3, Duration.ofMillis(10));
        pve2.receiveExit = new CommandResult(1, "", "cannot receive incremental stream: destination has been modified");
        assertThatThrownBy(() -> send("a")).isInstanceOf(NodeFailure.class).hasMessageContaining("modified");
        assertThat(published).extracting(Envelope::type).containsExactly(EventType.SEND_STARTED);
        assertThat(pve1.ran).last().isEqualTo("zfs release zsentinel_101-0 " + DS + "@a");
    }

    @Test
    void thePacerLetsOneReportThroughPerIntervalWithTheRateSinceTheLast() {
        AtomicLong t = new AtomicLong();
        ProgressPacer pacer = new ProgressPacer(Duration.ofSeconds(1), t::get);
        t.set(999_999_999L);
        assertThat(pacer.offer(1000)).isEmpty();
        t.set(1_000_000_000L);
        assertThat(pacer.offer(2000)).hasValue(2000);
        t.set(1_500_000_000L);
        assertThat(pacer.offer(3000)).isEmpty();
        t.set(3_000_000_000L);
        assertThat(pacer.offer(5000)).hasValue(1500);
    }

    private static String runId(Envelope e) {
        if (e.data() instanceof SendStartedData d) {
            return d.runId();
        }
        if (e.data() instanceof SendProgressData d) {
            return d.runId();
        }
        return ((TransferCompletedData) e.data()).runId();
    }
}
