package io.zsentinel.executor.node;

/** A finished remote command. */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    public boolean ok() {
        return exitStatus == 0;
    }
}
