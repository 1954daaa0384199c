package io.zsentinel.events.data;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a step failed, classified once at the edge from ZFS/SSH error text (docs/zfs.md), and
 * what to do about it. Consumers switch on the class, never on the message.
 */
public enum ErrorClass {
    CHAIN_BROKEN(Remedy.RESYNC),
    DEST_MODIFIED(Remedy.RESYNC),
    DEST_EXISTS(Remedy.HUMAN),
    /** The target holds snapshots newer than the base that the source lacks: receiving would destroy them. */
    FOREIGN_SNAPSHOTS(Remedy.HUMAN),
    NO_SPACE(Remedy.HUMAN),
    DATASET_BUSY(Remedy.RETRY),
    RESUMABLE(Remedy.RETRY),
    NOT_FOUND(Remedy.HUMAN),
    STREAM_BROKEN(Remedy.RETRY),
    SSH_UNREACHABLE(Remedy.RETRY),
    HOSTKEY_MISMATCH(Remedy.HUMAN),
    AUTH_FAILED(Remedy.HUMAN),
    @JsonEnumDefaultValue
    UNKNOWN(Remedy.RETRY);

    /** What recovers from a failure of this class. */
    public enum Remedy {
        /** Transient: retry with backoff. */
        RETRY,
        /** The snapshot chain is lost: only a resync recovers. */
        RESYNC,
        /** Nothing automatic is safe. */
        HUMAN
    }

    private final Remedy remedy;

    ErrorClass(Remedy remedy) {
        this.remedy = remedy;
    }

    public Remedy remedy() {
        return remedy;
    }
}
