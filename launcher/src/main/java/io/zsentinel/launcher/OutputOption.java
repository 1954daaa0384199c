package io.zsentinel.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zsentinel.events.EventCodec;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -o/--output table|json}, the same on every verb; JSON is pretty-printed with the events' codec. */
final class OutputOption {
    enum Format {
        table,
        json
    }

    @Option(
            names = {"-o", "--output"},
            defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    Format format;

    boolean json() {
        return format == Format.json;
    }

    static void printJson(PrintWriter out, Object value) throws JsonProcessingException {
        out.println(EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }
}
