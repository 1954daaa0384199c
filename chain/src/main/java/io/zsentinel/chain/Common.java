package io.zsentinel.chain;

/**
 * One snapshot both sides hold (the same GUID), as each side names and dates it: the source's
 * name is what {@code zfs send -I} needs, the target's what {@code zfs rollback} needs.
 */
public record Common(Snapshot source, Snapshot target) {
    public String guid() {
        return source.guid();
    }
}
