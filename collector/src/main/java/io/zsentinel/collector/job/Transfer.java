package io.zsentinel.collector.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A transfer in progress; {@code lastProgressMs} moves only when {@code bytesDone} grows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Transfer {
    public String runId;
    public String dataset;
    public long startedMs;
    public long bytesDone;
    public Long estimatedBytes;
    public long bytesPerSecond;
    public long lastProgressMs;
}
