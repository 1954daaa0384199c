package io.zsentinel.executor.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zsentinel.events.data.ErrorClass;
import io.zsentinel.executor.node.NodeFailure;
import io.zsentinel.executor.node.ScriptedShell;
import io.zsentinel.remote.CommandResult;
import io.zsentinel.remote.RelayResult;
import io.zsentinel.remote.RemoteCommand;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The relay's pacing (rate cap, cancellation) on a clock the test moves, and how a relay's end is typed. */
class PacerTest {
    final AtomicLong nanos = new AtomicLong(7_000_000_000L);
    final List<Long> pauses = new ArrayList<>();
    final List<Long> reports = new ArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();

    Pacer pacer(long bytesPerSecond) {
        return new Pacer(bytesPerSecond, cancelled, reports::add, nanos::get, n -> {
            pauses.add(n);
            nanos.addAndGet(n);
        });
    }

    @Test
    void withoutACapEveryBufferIsReportedAndNothingWaits() {
        Pacer p = pacer(0);
        p.accept(1000);
        p.accept(5000);
        assertThat(reports).containsExactly(1000L, 5000L);
        assertThat(pauses).isEmpty();
    }

    @Test
    void theCapHoldsTheCopyBackInSlicesUntilItIsDue() {
        Pacer p = pacer(1_000_000);
        p.accept(250_000); // due at +250 ms
        assertThat(pauses).containsExactly(100_000_000L, 100_000_000L, 50_000_000L);
        nanos.addAndGet(1_000_000_000L); // the next buffer took long itself: already due
        p.accept(500_000);
        assertThat(pauses).hasSize(3);
        assertThat(reports).containsExactly(250_000L, 500_000L);
    }

    @Test
    void aCancellationStopsTheCopyAtTheNextBufferOrDuringAPause() {
        Pacer p = pacer(1_000_000);
        p.accept(1);
        cancelled.set(true);
        assertThatThrownBy(() -> p.accept(2))
                .isInstanceOf(Pacer.Cancelled.class)
                .hasMessageContaining("after 2 bytes");
        assertThat(p.stopped()).isTrue();

        cancelled.set(false);
        Pacer slow = new Pacer(1, cancelled, reports::add, nanos::get, n -> {
            nanos.addAndGet(n);
            cancelled.set(true); // cancelled while it waits
        });
        assertThatThrownBy(() -> slow.accept(10)).isInstanceOf(Pacer.Cancelled.class);
        assertThat(reports).containsExactly(1L);
    }

    @ParameterizedTest(name = "{0} B/s after {1} B at {2} ns -> wait {3} ns")
    @CsvSource({
        "0,1000000,0,0",
        "1000000,1000000,0,1000000000",
        "1000000,1000000,400000000,600000000",
        "1000000,1000000,2000000000,0",
        "10000000,5000000,0,500000000"
    })
    void rateLimiterDelays(long rate, long bytes, long now, long expected) {
        assertThat(new RateLimiter(rate, 0).delayNanos(bytes, now)).isEqualTo(expected);
    }

    static final RemoteCommand SEND = RemoteCommand.of("zfs", "send", "rpool/data/x@b");
    static final RemoteCommand RECEIVE = RemoteCommand.of("zfs", "receive", "rpool/data/x");

    @Test
    void theReceiversWordsComeFirstThenTheSendersThenTheSilentBreak() {
        CommandResult ok = new CommandResult(0, "", "");
        CommandResult pipe = new CommandResult(1, "", "warning: cannot send 'rpool/data/x@b': Broken pipe");
        CommandResult modified = new CommandResult(
                1,
                "",
                "cannot receive incremental stream: destination rpool/data/x"
                        + " has been modified since most recent snapshot");
        assertThatThrownBy(() -> Transfer.outcome("pve1", SEND, "pve2", RECEIVE, new RelayResult(10, pipe, modified)))
                .isInstanceOfSatisfying(NodeFailure.class, e -> {
                    assertThat(e.node()).isEqualTo("pve2");
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.DEST_MODIFIED);
                });
        assertThatThrownBy(() -> Transfer.outcome(
                        "pve1", SEND, "pve2", RECEIVE, new RelayResult(10, pipe, new CommandResult(1, "", ""))))
                .isInstanceOfSatisfying(NodeFailure.class, e -> {
                    assertThat(e.node()).isEqualTo("pve1");
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.STREAM_BROKEN);
                });
        assertThatThrownBy(() -> Transfer.outcome(
                        "pve1",
                        SEND,
                        "pve2",
                        RECEIVE,
                        new RelayResult(10, new CommandResult(-1, "", ""), new CommandResult(-1, "", ""))))
                .isInstanceOfSatisfying(
                        NodeFailure.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SSH_UNREACHABLE))
                .hasMessageContaining("neither said why");
    }

    @Test
    void aCancelledRelayIsACancelledTransferWhateverTheSidesSay() {
        ScriptedShell pve1 = new ScriptedShell("pve1", Map.of());
        ScriptedShell pve2 = new ScriptedShell("pve2", Map.of());
        pve1.stdout = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len; // endless
            }
        };
        assertThatThrownBy(() -> Transfer.relay(
                        pve1, SEND, pve2, RECEIVE, 0, cancelled, bytes -> cancelled.set(bytes > 1_000_000)))
                .isInstanceOfSatisfying(
                        NodeFailure.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNKNOWN))
                .hasMessageContaining("transfer cancelled");
        assertThat(pve1.ran).containsExactly("zfs send rpool/data/x@b");
        assertThat(pve2.ran).containsExactly("zfs receive rpool/data/x");
    }

    @Test
    void estimates() {
        assertThat(SendEstimate.parse("full\trpool/x@a\t123\nsize\t209715200\n"))
                .hasValue(209715200L);
        assertThat(SendEstimate.parse(
                        "send from @a to rpool/x@b estimated size is 1.50M\ntotal estimated size is 1.50M\n"))
                .hasValue(1572864L);
        assertThat(SendEstimate.parse("invalid option 'n'")).isEmpty();
    }
}
