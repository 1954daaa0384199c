package io.zsentinel.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who runs the CLI, for audits and silences: {@code user@host}. */
final class Actor {
    private Actor() {}

    static String name() {
        return System.getProperty("user.name", "unknown") + "@" + host();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
