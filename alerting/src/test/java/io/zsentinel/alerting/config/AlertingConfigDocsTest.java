package io.zsentinel.alerting.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.common.config.ConfigTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The keys table of docs/config-alerting.md is exactly {@link AlertingKeys#ALL}, row by row. */
class AlertingConfigDocsTest {
    @Test
    void theDocsTableIsTheDeclaredKeys() throws Exception {
        String docs = Files.readString(Path.of("docs", "config-alerting.md"));
        assertThat(ConfigTable.documentedRows(docs))
                .as(
                        "docs/config-alerting.md; the table the declarations make:%n%s",
                        ConfigTable.markdown(AlertingKeys.ALL))
                .containsExactlyElementsOf(ConfigTable.rows(AlertingKeys.ALL));
    }
}
