package io.zsentinel.executor.zfs;

import java.util.regex.Pattern;

/**
 * What a node's ZFS can do, read from the usage text {@code zfs} prints when run without a
 * command (no dataset is touched to find out). Production OpenZFS has everything; zfs-fuse
 * 0.7 has holds but no {@code -p} on list, no {@code send -n}, no bookmarks, no {@code recv -s}.
 *
 * @param listParsable {@code zfs list -p} (exact numbers from list)
 * @param sendEstimate {@code zfs send -nv} (size estimate before a transfer)
 * @param holds {@code zfs hold}/{@code release} (protect the base during a send)
 * @param bookmarks {@code zfs bookmark}
 * @param resumableReceive {@code zfs receive -s} and {@code send -t}
 */
public record Capabilities(
        boolean listParsable, boolean sendEstimate, boolean holds, boolean bookmarks, boolean resumableReceive) {
    /** The portable path: what every ZFS since pool version 5000's ancestors can do. */
    public static final Capabilities PORTABLE = new Capabilities(false, false, false, false, false);

    private static final Pattern LIST_P = Pattern.compile("\\blist \\[-[A-Za-z]*p");
    private static final Pattern SEND_N = Pattern.compile("\\bsend \\[-[A-Za-z]*n");
    private static final Pattern HOLD = Pattern.compile("(?m)^\\s*hold \\[");
    private static final Pattern BOOKMARK = Pattern.compile("(?m)^\\s*bookmark ");
    private static final Pattern RECV_S = Pattern.compile("\\b(receive|recv) \\[-[A-Za-z]*s");

    public static Capabilities fromUsage(String usage) {
        return new Capabilities(
                LIST_P.matcher(usage).find(),
                SEND_N.matcher(usage).find(),
                HOLD.matcher(usage).find(),
                BOOKMARK.matcher(usage).find(),
                RECV_S.matcher(usage).find());
    }
}
