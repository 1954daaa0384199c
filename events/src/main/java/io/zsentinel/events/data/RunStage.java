package io.zsentinel.events.data;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Where a run failed ({@code zsentinel.job.failed}'s {@code stage}), written in lower case. An
 * open set: a stage a newer writer adds reads as {@link #UNKNOWN}, like an unknown
 * {@link ErrorClass}.
 */
public enum RunStage {
    @JsonProperty("connect")
    CONNECT,
    @JsonProperty("prepare")
    PREPARE,
    @JsonProperty("snapshot")
    SNAPSHOT,
    @JsonProperty("inventory")
    INVENTORY,
    @JsonProperty("send")
    SEND,
    @JsonProperty("receive")
    RECEIVE,
    @JsonProperty("verify")
    VERIFY,
    @JsonProperty("prune")
    PRUNE,
    @JsonProperty("resync")
    RESYNC,
    @JsonEnumDefaultValue
    @JsonProperty("unknown")
    UNKNOWN;

    /** The name on the wire and in logs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
