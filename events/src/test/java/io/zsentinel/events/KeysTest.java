package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    @ValueSource(strings = {"", "101-0", "lab/", "/101-0", "lab/99-0", "lab/0101-0", "lab/101", "lab/101-x",
            "lab/101-0/x", "la b/101-0", "lab;rm/101-0", "-lab/101-0", "lab/101-0\n"})
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
    @ValueSource(strings = {"lab/pve2", "lab/pve2/rpool/data", "lab/-pve2/rpool", "lab/pve2/1pool", "lab/pve2/rp ool",
            "lab/pve_2/rpool", "lab/pve2/$(x)"})
    void rejectsInvalidPoolKeys(String key) {
        assertThatThrownBy(() -> PoolKey.parse(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid");
    }

    @org.junit.jupiter.api.Test
    void rejectsAMissingKey() {
        assertThatThrownBy(() -> JobKey.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> PoolKey.parse(null)).hasMessageContaining("invalid pool key");
    }
}
