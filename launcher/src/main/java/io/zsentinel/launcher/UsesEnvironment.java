package io.zsentinel.launcher;

import java.util.Map;

/** A verb that reads the configuration file, whose secrets may name environment variables ({@code {env: NAME}}). */
interface UsesEnvironment {
    /** The environment to read them from instead of the process's (tests give their own). */
    void useEnvironment(Map<String, String> environment);
}
