package io.zsentinel.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteCommandTest {

    @Test
    void quotesEveryArgumentButNotTheProgram() {
        RemoteCommand c = RemoteCommand.of("zfs", "list", "-H", "-o", "name,guid", "rpool/data");
        assertThat(c.toShell()).isEqualTo("zfs 'list' '-H' '-o' 'name,guid' 'rpool/data'");
        assertThat(c.program()).isEqualTo("zfs");
        assertThat(c.subcommand()).isEqualTo("list");
        assertThat(c.isPipeline()).isFalse();
        assertThat(c.argv()).containsExactly("zfs", "list", "-H", "-o", "name,guid", "rpool/data");
    }

    @Test
    void aProgramWithoutArguments() {
        assertThat(RemoteCommand.of("hostname").toShell()).isEqualTo("hostname");
        assertThat(RemoteCommand.of("hostname").subcommand()).isEmpty();
        assertThat(RemoteCommand.of("/usr/sbin/zfs", List.of("list")).toShell()).isEqualTo("/usr/sbin/zfs 'list'");
    }

    @Test
    void injectionAttemptsStayOneArgument() {
        RemoteCommand c = RemoteCommand.of("zfs", "destroy", "rpool/data; rm -rf /");
        assertThat(c.toShell()).isEqualTo("zfs 'destroy' 'rpool/data; rm -rf /'");
        assertThat(RemoteCommand.of("echo", "it's $(id) `id`").toShell()).isEqualTo("echo 'it'\\''s $(id) `id`'");
    }

    @Test
    void pipelines() {
        RemoteCommand send = RemoteCommand.of("zfs", "send", "rpool/a@s");
        RemoteCommand p = send.pipe(
                "ssh", "pve2", RemoteCommand.of("zfs", "receive", "rpool/a").toShell());
        assertThat(p.toShell())
                .isEqualTo("zfs 'send' 'rpool/a@s' | ssh 'pve2' 'zfs '\\''receive'\\'' '\\''rpool/a'\\'''");
        assertThat(p.isPipeline()).isTrue();
        assertThat(p.program()).isEqualTo("zfs");
        assertThat(p.subcommand()).isEqualTo("send");
        assertThatThrownBy(p::argv).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pipefailWrapsThePipelineInBash() {
        RemoteCommand p = RemoteCommand.of("false").pipe("cat").withPipefail();
        assertThat(p.toShell()).isEqualTo("bash -o pipefail -c 'false | cat'");
        // A single command has no pipeline status to fix.
        assertThat(RemoteCommand.of("true").withPipefail().toShell()).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-rf", "zfs list", "zfs;id", "$(id)", "`id`", "a|b", "a\nb", "'zfs'", "~/bin/x"})
    void refusesProgramsThatAreNotPlainWords(String program) {
        assertThatThrownBy(() -> RemoteCommand.of(program))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid program '" + Printable.of(program) + "'");
    }

    @Test
    void refusesNulInArgumentsWhenBuilt() {
        assertThatThrownBy(() -> RemoteCommand.of("echo", "a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueSemantics() {
        assertThat(RemoteCommand.of("a", "b"))
                .isEqualTo(RemoteCommand.of("a", "b"))
                .hasSameHashCodeAs(RemoteCommand.of("a", "b"));
        assertThat(RemoteCommand.of("a", "b")).isNotEqualTo(RemoteCommand.of("a", "b c"));
        assertThat(RemoteCommand.of("a", "b").toString()).isEqualTo("a 'b'");
    }
}
