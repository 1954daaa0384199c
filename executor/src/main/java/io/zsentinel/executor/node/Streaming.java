package io.zsentinel.executor.node;

import java.io.InputStream;
import java.io.OutputStream;

/** A running remote command whose stdin/stdout are streamed (the two ends of a relay). */
public interface Streaming extends AutoCloseable {
    InputStream stdout();

    OutputStream stdin();

    /** Waits for the command to end; its exit status and collected stderr. */
    CommandResult await(long timeoutMillis) throws RemoteException;

    /** Ends the command now (cancellation, or the other end failed). */
    @Override
    void close();
}
