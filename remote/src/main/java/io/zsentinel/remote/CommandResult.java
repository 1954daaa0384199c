package io.zsentinel.remote;

/**
 * What a finished remote command left behind.
 *
 * @param exitCode the command's exit status; 128 + N if it was killed by signal N (as a shell
 *                 reports it); -1 if the server reported neither
 * @param stdout   standard output, decoded as UTF-8
 * @param stderr   standard error, decoded as UTF-8 (the last {@link SshOptions#maxStderrBytes()} bytes)
 */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** stderr trimmed, or "exit N" when there is none: for log lines and error messages. */
    public String describeFailure() {
        String err = stderr == null ? "" : stderr.strip();
        return err.isEmpty() ? "exit " + exitCode : "exit " + exitCode + ": " + err;
    }
}
