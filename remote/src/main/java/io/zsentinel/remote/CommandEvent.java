package io.zsentinel.remote;

import java.time.Duration;

/**
 * One finished remote command, for {@link CommandListener}s. Carries labels, never arguments
 * (which could be high-cardinality dataset names).
 *
 * @param endpoint   {@link SshEndpoint#name()}
 * @param program    first program of the command line, e.g. {@code zfs}
 * @param subcommand its first argument, e.g. {@code send}; empty if none
 * @param duration   from opening the channel to the exit status
 * @param exitCode   the exit status, -1 if none (see {@code failure})
 * @param failure    null if the command ran to its exit status; otherwise why not
 */
public record CommandEvent(
        String endpoint, String program, String subcommand, Duration duration, int exitCode, RemoteFailure failure) {}
