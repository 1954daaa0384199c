package io.zsentinel.executor.preflight;

/**
 * One line of {@code zsentinel preflight}: what was checked, the verdict, what was measured, and
 * what to do when it is not OK (null when it is).
 */
public record PreflightCheck(String name, Status status, String measured, String fix) {
    /** Nagios' order: the worst status of a job is its exit code. */
    public enum Status {
        OK,
        WARN,
        FAIL;

        public int exitCode() {
            return ordinal();
        }

        public Status worst(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    public static PreflightCheck ok(String name, String measured) {
        return new PreflightCheck(name, Status.OK, measured, null);
    }

    public static PreflightCheck warn(String name, String measured, String fix) {
        return new PreflightCheck(name, Status.WARN, measured, fix);
    }

    public static PreflightCheck fail(String name, String measured, String fix) {
        return new PreflightCheck(name, Status.FAIL, measured, fix);
    }
}
