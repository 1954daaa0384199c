package io.zsentinel.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.common.config.ConfigTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The keys table of docs/config-collector.md is exactly {@link CollectorKeys#ALL}, row by row. */
class CollectorConfigDocsTest {
    @Test
    void theDocsTableIsTheDeclaredKeys() throws Exception {
        String docs = Files.readString(Path.of("docs", "config-collector.md"));
        assertThat(ConfigTable.documentedRows(docs))
                .as(
                        "docs/config-collector.md; the table the declarations make:%n%s",
                        ConfigTable.markdown(CollectorKeys.ALL))
                .containsExactlyElementsOf(ConfigTable.rows(CollectorKeys.ALL));
    }
}
