package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void emptyLabelSetIsTheFnvOffsetBasis() {
        assertThat(Fingerprint.of(Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void matchesAnIndependentFnv1aImplementation() {
        // Vector computed with a separate Python FNV-1a 64 over "name\xffvalue\xff" in sorted order.
        assertThat(Fingerprint.of(Map.of("alertname", "rpo.breached", "job", "lab/101-0", "cluster", "lab")))
                .isEqualTo("8413f50f15d22db8");
    }

    @Test
    void dependsOnLabelsNotOnTheirOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "1");
        b.put("b", "2");
        assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b)).hasSize(16);
        assertThat(Fingerprint.of(Map.of("a", "1", "b", "3"))).isNotEqualTo(Fingerprint.of(a));
        // the separator keeps "ab"+"c" apart from "a"+"bc"
        assertThat(Fingerprint.of(Map.of("ab", "c"))).isNotEqualTo(Fingerprint.of(Map.of("a", "bc")));
    }
}
