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

    @Test
    void sortedAndUnsortedMapsAndSmallHashesPrintAsTheFormatterDoes() {
        java.util.Random random = new java.util.Random(7);
        int leadingZero = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int n = random.nextInt(5); n >= 0; n--) {
                labels.put("k" + random.nextInt(50), "v\u00e9" + random.nextInt(1000));
            }
            String expected = reference(labels);
            leadingZero += expected.charAt(0) == '0' ? 1 : 0;
            assertThat(Fingerprint.of(labels)).isEqualTo(expected);
            assertThat(Fingerprint.of(new java.util.TreeMap<>(labels))).isEqualTo(expected);
            java.util.TreeMap<String, String> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            reversed.putAll(labels);
            assertThat(Fingerprint.of(reversed))
                    .as("a map sorted otherwise is sorted again")
                    .isEqualTo(expected);
        }
        assertThat(leadingZero)
                .as("hashes that print with leading zeros were met")
                .isPositive();
    }

    /** The definition, written plainly: FNV-1a 64 over name 0xFF value 0xFF in name order, %016x. */
    private static String reference(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
            for (byte[] part : new byte[][] {
                e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                {(byte) 0xFF},
                e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                {(byte) 0xFF}
            }) {
                for (byte b : part) {
                    hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
                }
            }
        }
        return String.format("%016x", hash);
    }
}
