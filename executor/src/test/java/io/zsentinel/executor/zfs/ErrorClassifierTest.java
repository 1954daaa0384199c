package io.zsentinel.executor.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.events.data.ErrorClass;
import java.io.IOException;
import java.net.ConnectException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every string of docs/zfs.md's table, with the newlines libzfs prints, plus the lab's real ones. */
class ErrorClassifierTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(
                        "cannot receive incremental stream: most recent snapshot of rpool/data/subvol-101-disk-0 does not\nmatch incremental source",
                        ErrorClass.CHAIN_BROKEN),
                Arguments.of(
                        "cannot send 'rpool/data/x': incremental source (@__replicate_101-0_1__) does not exist",
                        ErrorClass.CHAIN_BROKEN),
                Arguments.of(
                        "warning: cannot send 'rpool/data/x@b': incremental source (@a) does not exist",
                        ErrorClass.CHAIN_BROKEN),
                Arguments.of(
                        "could not send rpool/data/x@b:\nincremental source (rpool/data/x@a) does not exist",
                        ErrorClass.CHAIN_BROKEN),
                Arguments.of(
                        "No common base snapshot on volume(s) local-zfs:subvol-101-disk-0", ErrorClass.CHAIN_BROKEN),
                Arguments.of("base snapshot '__replicate_101-0_1__' doesn't exist", ErrorClass.CHAIN_BROKEN),
                Arguments.of(
                        "cannot receive incremental stream: destination rpool/data/x has been modified\nsince most recent snapshot",
                        ErrorClass.DEST_MODIFIED),
                Arguments.of("cannot restore to rpool/data/x@s: destination already exists", ErrorClass.DEST_EXISTS),
                Arguments.of(
                        "cannot receive new filesystem stream: destination 'rpool/data/x' exists\nmust specify -F to overwrite it",
                        ErrorClass.DEST_EXISTS),
                Arguments.of("volume 'rpool/data/vm-101-disk-0' already exists", ErrorClass.DEST_EXISTS),
                Arguments.of(
                        "`zfs receive rpool/data/subvol-408-disk-0` on pve4: waiting for 'zfs' on pve4: connection lost: "
                                + "net.schmizz.sshj.connection.ConnectionException: Broken transport; encountered EOF",
                        ErrorClass.STREAM_BROKEN),
                Arguments.of("cannot receive new filesystem stream: out of space", ErrorClass.NO_SPACE),
                Arguments.of("write error: No space left on device", ErrorClass.NO_SPACE),
                Arguments.of("cannot receive: destination rpool/data/x space quota exceeded.", ErrorClass.NO_SPACE),
                Arguments.of("cannot destroy 'rpool/data/x': dataset is busy", ErrorClass.DATASET_BUSY),
                Arguments.of(
                        "cannot receive: target is busy; if a filesystem, it must not be mounted",
                        ErrorClass.DATASET_BUSY),
                Arguments.of(
                        "cannot receive: destination contains partially-complete state from \"zfs receive -s\".",
                        ErrorClass.DATASET_BUSY),
                Arguments.of(
                        "cannot receive: failed to read from stream\nPartially received snapshot is saved.\nA resuming stream can be generated on the sending system by running:\n    zfs send -t 1-abc",
                        ErrorClass.RESUMABLE),
                Arguments.of(
                        "cannot resume send: 'rpool/data/x@a' used in the initial send no longer exists",
                        ErrorClass.RESUMABLE),
                Arguments.of("cannot resume send: incremental source 0x1f2e3d no longer exists", ErrorClass.RESUMABLE),
                Arguments.of("cannot open 'rpool/data/x': dataset does not exist", ErrorClass.NOT_FOUND),
                Arguments.of(
                        "cannot receive incremental stream: destination 'rpool/data/x' does not exist",
                        ErrorClass.NOT_FOUND),
                Arguments.of("warning: cannot send 'rpool/data/x@a': Broken pipe", ErrorClass.STREAM_BROKEN),
                Arguments.of("cannot receive: failed to read from stream", ErrorClass.STREAM_BROKEN),
                Arguments.of(
                        "ssh: connect to host 127.0.0.12 port 2222: Connection refused", ErrorClass.SSH_UNREACHABLE),
                Arguments.of("ssh: connect to host 10.0.0.9 port 22: Connection timed out", ErrorClass.SSH_UNREACHABLE),
                Arguments.of("ssh: connect to host 10.0.0.9 port 22: No route to host", ErrorClass.SSH_UNREACHABLE),
                Arguments.of(
                        "ssh: Could not resolve hostname pve9: Name or service not known", ErrorClass.SSH_UNREACHABLE),
                Arguments.of("Connection closed by 127.0.0.12 port 2222", ErrorClass.SSH_UNREACHABLE),
                Arguments.of("Connection reset by 127.0.0.12 port 2222", ErrorClass.SSH_UNREACHABLE),
                Arguments.of("Host key verification failed.", ErrorClass.HOSTKEY_MISMATCH),
                Arguments.of(
                        "@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@",
                        ErrorClass.HOSTKEY_MISMATCH),
                Arguments.of("root@127.0.0.12: Permission denied (publickey,password).", ErrorClass.AUTH_FAILED),
                Arguments.of("something nobody has seen", ErrorClass.UNKNOWN),
                Arguments.of("", ErrorClass.UNKNOWN));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("table")
    void classifies(String text, ErrorClass expected) {
        assertThat(ErrorClassifier.classify(text)).isEqualTo(expected);
    }

    @Test
    void walksTheCauseChain() {
        Exception e = new IllegalStateException(
                "run failed", new IOException("wrapped", new ConnectException("Connection refused")));
        assertThat(ErrorClassifier.classify(e)).isEqualTo(ErrorClass.SSH_UNREACHABLE);
        assertThat(ErrorClassifier.classify(new RuntimeException("??"))).isEqualTo(ErrorClass.UNKNOWN);
        assertThat(ErrorClassifier.classify((String) null)).isEqualTo(ErrorClass.UNKNOWN);
    }
}
