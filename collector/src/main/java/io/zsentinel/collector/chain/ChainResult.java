package io.zsentinel.collector.chain;

/**
 * The verdict on one dataset's chain, with the evidence a person needs to act on it.
 *
 * @param newestCommon the newest snapshot present on both sides with the same GUID (the
 *     recovery point), null when there is none
 * @param commonCount how many snapshots both sides share by GUID
 * @param backlogSnapshots source snapshots newer than {@code newestCommon} (all of them when
 *     nothing is common)
 * @param backlogBytes the sum of their {@code used} bytes, counting only those that report it
 * @param backlogBytesComplete false when some backlog snapshot did not report {@code used}
 * @param evidence one human line: why this state
 */
public record ChainResult(
        ChainState state,
        Snap newestCommon,
        int commonCount,
        int backlogSnapshots,
        long backlogBytes,
        boolean backlogBytesComplete,
        String evidence) {}
