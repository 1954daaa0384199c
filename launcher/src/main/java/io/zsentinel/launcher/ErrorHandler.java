package io.zsentinel.launcher;

import io.zsentinel.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Invalid configuration exits 2 with every problem listed; anything else exits 1 with one line. */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ConfigException config) {
            commandLine.getErr().println("zsentinel: " + config.getMessage());
            return ConfigException.EXIT_CODE;
        }
        commandLine.getErr().println("zsentinel: " + e.getMessage());
        return FAILURE;
    }
}
