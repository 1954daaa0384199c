package io.zsentinel.executor.zfs;

import io.zsentinel.events.data.ErrorClass;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies ZFS and SSH error text (stderr, exception messages) once, at the edge, into an
 * {@link ErrorClass} (docs/zfs.md). Libzfs wraps some messages across lines, so the text is
 * matched with whitespace runs (newlines included) collapsed to one space. Rules are tried in
 * order: the more specific (a host key, a resumable receive) before the general (a closed
 * connection), the chain before the stream.
 */
public final class ErrorClassifier {
    private record Rule(ErrorClass errorClass, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            rule(
                    ErrorClass.HOSTKEY_MISMATCH,
                    "host key verification failed",
                    "remote host identification has changed",
                    "hostkeymismatch",
                    "could not verify `\\S+` host key"),
            rule(
                    ErrorClass.AUTH_FAILED,
                    "permission denied \\(publickey",
                    "exhausted available authentication methods",
                    "userauthexception"),
            rule(
                    ErrorClass.RESUMABLE,
                    "partially received snapshot is saved",
                    "zfs send -t ",
                    "used in the initial send no longer exists",
                    "incremental source 0x[0-9a-f]+ no longer exists"),
            rule(
                    ErrorClass.DATASET_BUSY,
                    "dataset is busy",
                    "target is busy",
                    "contains partially-complete state from \"zfs receive -s\""),
            rule(
                    ErrorClass.CHAIN_BROKEN,
                    "most recent snapshot of \\S+ does not match incremental source",
                    "incremental source \\(\\S*\\) does not exist",
                    "incremental source \\(\\S*\\) no longer exists",
                    "no common base snapshot on volume",
                    "base snapshot '[^']*' doesn't exist"),
            rule(ErrorClass.DEST_MODIFIED, "destination \\S+ has been modified since most recent snapshot"),
            rule(
                    ErrorClass.DEST_EXISTS,
                    "destination already exists",
                    "destination '[^']*' exists must specify -f",
                    "volume '[^']*' already exists",
                    "destination has snapshots"),
            rule(ErrorClass.NO_SPACE, "out of space", "no space left on device", "space quota exceeded"),
            rule(ErrorClass.NOT_FOUND, "dataset does not exist", "destination '[^']*' does not exist"),
            rule(
                    ErrorClass.SSH_UNREACHABLE,
                    "connection refused",
                    "connection timed out",
                    "no route to host",
                    "could not resolve hostname",
                    "connection closed by",
                    "connection reset by",
                    "unknownhostexception",
                    "noroutetohostexception",
                    "connectexception",
                    "sockettimeoutexception"),
            rule(
                    ErrorClass.STREAM_BROKEN,
                    "broken pipe",
                    "failed to read from stream",
                    "transportexception",
                    "connection reset",
                    "end of stream",
                    "premature eof",
                    // sshj, when the session under a transfer dies (its sshd child killed)
                    "connection lost",
                    "broken transport",
                    "encountered eof"));

    private ErrorClassifier() {}

    private static Rule rule(ErrorClass errorClass, String... patterns) {
        return new Rule(errorClass, Pattern.compile(String.join("|", patterns)));
    }

    public static ErrorClass classify(String text) {
        if (text == null || text.isBlank()) {
            return ErrorClass.UNKNOWN;
        }
        String normalized = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(normalized).find()) {
                return rule.errorClass();
            }
        }
        return ErrorClass.UNKNOWN;
    }

    /** Walks the cause chain and classifies the first message that is not UNKNOWN. */
    public static ErrorClass classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ErrorClass c = classify(t.getClass().getSimpleName() + ": " + t.getMessage());
            if (c != ErrorClass.UNKNOWN) {
                return c;
            }
        }
        return ErrorClass.UNKNOWN;
    }
}
