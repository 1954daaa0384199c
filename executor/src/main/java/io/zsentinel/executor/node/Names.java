package io.zsentinel.executor.node;

import io.zsentinel.remote.ZfsNames;
import java.util.regex.Pattern;

/**
 * Every ZFS name checked before it reaches a command line (defence in depth: each argument is
 * also quoted). The rules are remote's {@link ZfsNames}; this adds the hold tag.
 */
public final class Names {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}");

    private Names() {}

    public static String dataset(String name) {
        return ZfsNames.dataset(name);
    }

    /** A snapshot's short name (after '@'). */
    public static String snapshotName(String name) {
        return ZfsNames.snapshotName(name);
    }

    public static String snapshot(String dataset, String snapshot) {
        return ZfsNames.snapshotOf(dataset, snapshot);
    }

    public static String pool(String name) {
        return ZfsNames.pool(name);
    }

    public static String holdTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid hold tag '" + tag + "'");
        }
        return tag;
    }
}
