package io.zsentinel.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.common.config.ConfigTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The keys table of docs/config-executor.md is exactly {@link ExecutorKeys#ALL}, row by row. */
class ExecutorConfigDocsTest {
    @Test
    void theDocsTableIsTheDeclaredKeys() throws Exception {
        String docs = Files.readString(Path.of("docs", "config-executor.md"));
        assertThat(ConfigTable.documentedRows(docs))
                .as(
                        "docs/config-executor.md; the table the declarations make:%n%s",
                        ConfigTable.markdown(ExecutorKeys.ALL))
                .containsExactlyElementsOf(ConfigTable.rows(ExecutorKeys.ALL));
    }
}
