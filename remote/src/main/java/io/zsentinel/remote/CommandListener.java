package io.zsentinel.remote;

import java.time.Duration;

/**
 * Hook for metrics: told about every connection attempt and every finished command. Called on
 * the thread that did the work; must be quick and must not throw (exceptions are logged and
 * dropped). Example: a Micrometer timer tagged endpoint/program/outcome.
 */
public interface CommandListener {
    CommandListener NONE = new CommandListener() {};

    /** A command finished (or failed to). */
    default void onCommand(CommandEvent event) {}

    /**
     * A new connection was attempted.
     *
     * @param failure null if it succeeded
     */
    default void onConnect(String endpoint, Duration duration, RemoteFailure failure) {}
}
