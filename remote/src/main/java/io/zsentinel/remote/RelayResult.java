package io.zsentinel.remote;

/**
 * Outcome of {@link RemoteRunner#relay}: how many bytes went from source to sink and how each
 * side ended. Both results carry their stderr, which is where ZFS explains a failure
 * (classify the sink's first: a refused receive also makes the send fail with a broken pipe).
 *
 * @param bytes  bytes copied from the source's stdout into the sink's stdin
 * @param source the sending command (its stdout is empty here: it was the stream)
 * @param sink   the receiving command (stdout: the tail of what it printed)
 */
public record RelayResult(long bytes, CommandResult source, CommandResult sink) {
    public boolean ok() {
        return source.ok() && sink.ok();
    }
}
