package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's table of verbs and the command's subcommands agree, both ways. */
class CliDocsTest {
    private static final Pattern ROW_VERBS = Pattern.compile("^\\| ((?:`[^`]+`(?:, )?)+)");

    @Test
    void everyVerbIsInTheReadmeAndTheReadmeNamesNoOther() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("## The `zsentinel` command");
        assertThat(start).as("the README's section on the command").isNotNegative();
        List<String> documented = new ArrayList<>();
        for (String line : text.substring(start).lines().toList()) {
            Matcher row = ROW_VERBS.matcher(line);
            if (row.find()) {
                Matcher verb = Pattern.compile("`([a-z-]+)").matcher(row.group(1));
                while (verb.find()) {
                    documented.add(verb.group(1));
                }
            }
        }
        Set<String> verbs = new CommandLine(new Zsentinel()).getSubcommands().keySet();
        assertThat(new TreeSet<>(documented)).as("verbs in the README's table").isEqualTo(new TreeSet<>(verbs));
    }
}
