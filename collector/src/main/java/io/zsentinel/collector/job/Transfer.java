package io.zsentinel.collector.job;

/** A transfer in progress; {@code lastProgressMs} moves only when {@code bytesDone} grows. */
public final class Transfer {
    public String runId;
    public String dataset;
    public long startedMs;
    public long bytesDone;
    public Long estimatedBytes;
    public long bytesPerSecond;
    public long lastProgressMs;
}
