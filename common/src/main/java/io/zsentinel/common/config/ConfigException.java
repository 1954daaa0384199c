package io.zsentinel.common.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is invalid. Carries every problem found, not only the first, so one edit
 * fixes them all. The process exits with {@link #EXIT_CODE}.
 */
public final class ConfigException extends RuntimeException {
    public static final int EXIT_CODE = 2;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream()
                .map(ConfigProblem::toString)
                .collect(Collectors.joining("\n  ", "invalid configuration:\n  ", "")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String key, String reason) {
        this(List.of(new ConfigProblem(key, reason)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
