package io.zsentinel.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellQuoteTest {

    static Stream<Arguments> quoted() {
        return Stream.of(
                Arguments.of("rpool/data", "'rpool/data'"),
                Arguments.of("", "''"),
                Arguments.of("two words", "'two words'"),
                Arguments.of("it's", "'it'\\''s'"),
                Arguments.of("'", "''\\'''"),
                Arguments.of("''", "''\\'''\\'''"),
                Arguments.of("\"double\"", "'\"double\"'"),
                Arguments.of("$(x)", "'$(x)'"),
                Arguments.of("`id`", "'`id`'"),
                Arguments.of("a\nb", "'a\nb'"),
                Arguments.of("rpool/data; rm -rf /", "'rpool/data; rm -rf /'"),
                Arguments.of("-rf", "'-rf'"),
                Arguments.of("\\", "'\\'"),
                Arguments.of("*", "'*'"),
                Arguments.of("~root", "'~root'"),
                Arguments.of("ünïcödé", "'ünïcödé'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("quoted")
    void quotesEveryArgumentInSingleQuotes(String arg, String expected) {
        assertThat(ShellQuote.quote(arg)).isEqualTo(expected);
    }

    /** Strings a shell would expand, split, glob or execute if quoting were wrong. */
    static Stream<String> hostile() {
        return Stream.of(
                "plain",
                "",
                " ",
                "  leading and trailing  ",
                "it's",
                "'",
                "''",
                "'\\''",
                "a'b'c",
                "$HOME",
                "${HOME}",
                "$(touch /tmp/zsentinel-quote-pwned)",
                "`touch /tmp/zsentinel-quote-pwned`",
                "a;b",
                "a && b",
                "a || b",
                "a | b",
                "a > /tmp/x",
                "< /etc/passwd",
                "a\nb",
                "a\r\nb",
                "\t",
                "*",
                "?",
                "[a-z]",
                "~",
                "~root",
                "!",
                "!!",
                "#comment",
                "a#b",
                "\\",
                "\\n",
                "\\'",
                "\"",
                "\"$HOME\"",
                "-rf",
                "--",
                "rpool/data; rm -rf /",
                "rpool/data@snap$(id)",
                "%s%n",
                "{a,b}",
                "&",
                "(sub)",
                "a=b");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void aRealShellGetsTheArgumentBackVerbatim(String arg) throws Exception {
        assertThat(sh("printf '%s' " + ShellQuote.quote(arg))).isEqualTo(arg);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void survivesTwoShellsAsInSshToAFurtherHost(String arg) throws Exception {
        // ssh pve2 <inner>: the inner command line is one argument of the outer one.
        String inner = "printf '%s' " + ShellQuote.quote(arg);
        assertThat(sh("sh -c " + ShellQuote.quote(inner))).isEqualTo(arg);
    }

    @Test
    void joinsArgumentsWithSpaces() {
        assertThat(ShellQuote.join(List.of("list", "-H", "a b"))).isEqualTo("'list' '-H' 'a b'");
        assertThat(ShellQuote.join(List.of())).isEmpty();
    }

    @Test
    void refusesNulWhichNoArgumentCanCarry() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a\\u0000b")
                .hasMessageContaining("NUL");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> ShellQuote.quote(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sh(String commandLine) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", commandLine)
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor())
                .as("exit of /bin/sh -c %s (output %s)", commandLine, out)
                .isZero();
        return out;
    }
}
