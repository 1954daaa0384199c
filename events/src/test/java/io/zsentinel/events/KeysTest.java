package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    @ParameterizedTest
    @CsvSource({"lab/101-0,lab,101-0,101", "prod-eu.1/100000000-999999999,prod-eu.1,100000000-999999999,100000000"})
    void parsesValidJobKeys(String key, String cluster, String jobId, int vmid) {
        JobKey parsed = JobKey.parse(key);
        assertThat(parsed.cluster()).isEqualTo(cluster);
        assertThat(parsed.jobId()).isEqualTo(jobId);
        assertThat(parsed.vmid()).isEqualTo(vmid);
        assertThat(parsed.toString()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "101-0",
                "lab/",
                "/101-0",
                "lab/99-0",
                "lab/0101-0",
                "lab/101",
                "lab/101-x",
                "lab/101-0/x",
                "la b/101-0",
                "lab;rm/101-0",
                "-lab/101-0",
                "lab/101-0\n"
            })
    void rejectsInvalidJobKeysWithAClearMessage(String key) {
        assertThatThrownBy(() -> JobKey.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid");
    }

    @ParameterizedTest
    @CsvSource({"lab/pve2/rpool,lab,pve2,rpool", "c1/node-1/tank.backup,c1,node-1,tank.backup"})
    void parsesValidPoolKeys(String key, String cluster, String node, String pool) {
        PoolKey parsed = PoolKey.parse(key);
        assertThat(parsed).isEqualTo(new PoolKey(cluster, node, pool));
        assertThat(parsed.toString()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "lab/pve2",
                "lab/pve2/rpool/data",
                "lab/-pve2/rpool",
                "lab/pve2/1pool",
                "lab/pve2/rp ool",
                "lab/pve_2/rpool",
                "lab/pve2/$(x)"
            })
    void rejectsInvalidPoolKeys(String key) {
        assertThatThrownBy(() -> PoolKey.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid");
    }

    @Test
    void rejectsAMissingKey() {
        assertThatThrownBy(() -> JobKey.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> PoolKey.parse(null)).hasMessageContaining("invalid pool key");
    }

    @Test
    void theHandWrittenChecksAgreeWithTheDefiningPatterns() {
        // strings near the edges of both patterns: lengths, first characters, separators, non-ASCII digits
        String alphabet = "019aZ_.-/ \u0661\u00e9";
        java.util.Random random = new java.util.Random(11);
        java.util.List<String> samples = new java.util.ArrayList<>(java.util.Arrays.asList(
                null,
                "",
                "a",
                "0",
                "-",
                "_a",
                "a".repeat(63),
                "a".repeat(64),
                "100-0",
                "099-0",
                "10-0",
                "123456789-1",
                "1234567890-1",
                "101-123456789",
                "101-1234567890",
                "101-",
                "101--1",
                "101-0-1",
                "\u0661\u0661\u0661-1"));
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(i % 100 == 0 ? 70 : 14); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(b.toString());
        }
        int validClusters = 0;
        int validJobIds = 0;
        for (String s : samples) {
            boolean cluster = s != null && JobKey.CLUSTER.matcher(s).matches();
            boolean jobId = s != null && JobKey.JOB_ID.matcher(s).matches();
            assertThat(JobKey.validCluster(s)).as("cluster '%s'", s).isEqualTo(cluster);
            assertThat(JobKey.validJobId(s)).as("job id '%s'", s).isEqualTo(jobId);
            validClusters += cluster ? 1 : 0;
            validJobIds += jobId ? 1 : 0;
        }
        assertThat(validClusters).as("valid cluster names among the samples").isGreaterThan(1000);
        assertThat(validJobIds).as("valid job ids among the samples").isGreaterThan(10);
    }
}
