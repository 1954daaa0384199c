package io.zsentinel.common.config;

/** One thing wrong with the configuration: the key (dotted path) and why. */
public record ConfigProblem(String key, String reason) {
    @Override
    public String toString() {
        return key + ": " + reason;
    }
}
