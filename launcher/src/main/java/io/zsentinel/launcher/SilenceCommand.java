package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.common.config.Durations;
import io.zsentinel.events.EventCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zsentinel silence add|list|expire}: alerting's silences API (Alertmanager's shapes, see
 * alerting/docs) from the command line, as {@code amtool silence} does it.
 */
@Command(
        name = "silence",
        description = "Add, list and expire silences (alerting's API).",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
final class SilenceCommand implements Runnable {
    private static final String PATH = "/api/v1/silences";

    @Option(
            names = "--alerting-api",
            defaultValue = "http://127.0.0.1:9095",
            scope = CommandLine.ScopeType.INHERIT,
            description = "alerting's API (default: ${DEFAULT-VALUE})")
    URI api;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add, list or expire");
    }

    HttpApi http() {
        return new HttpApi(api, "alerting", "--alerting-api");
    }

    @Command(name = "add", description = "Silence the findings that match every MATCHER, for a while.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        SilenceCommand parent;

        @Parameters(
                arity = "1..*",
                paramLabel = "MATCHER",
                description =
                        "label matchers as Alertmanager writes them: job=\"lab/100-0\", alertname=~\"chain\\..*\", node!=pve1")
        List<String> matchers;

        @Option(
                names = "--duration",
                paramLabel = "DURATION",
                description = "how long, e.g. 2h, 1d (default: 2h unless --until)")
        String duration;

        @Option(
                names = "--until",
                paramLabel = "TIME",
                description = "until this time (RFC 3339) instead of --duration")
        String until;

        @Option(names = "--comment", defaultValue = "", description = "why (shown in the list and the audit)")
        String comment;

        @Option(names = "--author", description = "who (default: the user and this host)")
        String author;

        @Mixin
        OutputOption output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = EventCodec.mapper().createObjectNode();
            var list = body.putArray("matchers");
            for (String text : matchers) {
                try {
                    Matcher.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "MATCHER: " + e.getMessage());
                }
                list.add(text);
            }
            if (until != null && duration != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--until and --duration: give one of them");
            }
            if (until != null) {
                try {
                    body.put("endsAt", Instant.parse(until).toString());
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--until: not an RFC 3339 time: '" + until + "'");
                }
            } else {
                String d = duration == null ? "2h" : duration;
                try {
                    Durations.parse(d);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--duration: " + e.getMessage());
                }
                body.put("duration", d);
            }
            body.put("createdBy", author == null ? Actor.name() : author);
            body.put("comment", comment);
            JsonNode answer = parent.http().post(PATH, body);
            String id = answer.path("silenceID").asText();
            if (output.json()) {
                OutputOption.printJson(spec.commandLine().getOut(), answer);
            } else {
                spec.commandLine().getOut().println(id);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the silences that are active or pending (--all: expired ones too).")
    static final class ListSilences implements Callable<Integer> {
        private static final String[] HEADER = {"ID", "State", "Matchers", "Ends", "CreatedBy", "Comment"};

        @ParentCommand
        SilenceCommand parent;

        @Option(names = "--all", description = "expired silences too")
        boolean all;

        @Mixin
        OutputOption output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<JsonNode> shown = new ArrayList<>();
            parent.http().get(PATH).forEach(s -> {
                if (all || !"expired".equals(s.path("status").path("state").asText())) {
                    shown.add(s);
                }
            });
            if (output.json()) {
                OutputOption.printJson(spec.commandLine().getOut(), shown);
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (JsonNode s : shown) {
                rows.add(new String[] {
                    s.path("id").asText(),
                    s.path("status").path("state").asText(),
                    matchers(s),
                    s.path("endsAt").asText(),
                    s.path("createdBy").asText(),
                    Columns.oneLine(s.path("comment").asText(), 60)
                });
            }
            spec.commandLine().getOut().print(shown.isEmpty() ? "no silence\n" : Columns.align(rows));
            spec.commandLine().getOut().flush();
            return 0;
        }

        /** The matchers as Alertmanager writes them, e.g. {@code job="lab/100-0",alertname=~"chain\..*"}. */
        private static String matchers(JsonNode silence) {
            List<String> out = new ArrayList<>();
            for (JsonNode m : silence.path("matchers")) {
                boolean regex = m.path("isRegex").asBoolean(false);
                boolean equal = m.path("isEqual").asBoolean(true);
                Matcher.Op op = regex
                        ? (equal ? Matcher.Op.REGEX : Matcher.Op.NOT_REGEX)
                        : (equal ? Matcher.Op.EQUAL : Matcher.Op.NOT_EQUAL);
                out.add(m.path("name").asText() + op.symbol() + "\""
                        + m.path("value").asText() + "\"");
            }
            return String.join(",", out);
        }
    }

    @Command(name = "expire", description = "Expire silences now (their findings notify again).")
    static final class Expire implements Callable<Integer> {
        @ParentCommand
        SilenceCommand parent;

        @Parameters(arity = "1..*", paramLabel = "ID", description = "the silences' ids (from add or list)")
        List<String> ids;

        @Mixin
        OutputOption output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<JsonNode> expired = new ArrayList<>();
            for (String id : ids) {
                expired.add(parent.http().delete(PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
            }
            if (output.json()) {
                OutputOption.printJson(spec.commandLine().getOut(), expired);
            } else {
                expired.forEach(s -> spec.commandLine()
                        .getOut()
                        .println("expired " + s.path("id").asText()));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
