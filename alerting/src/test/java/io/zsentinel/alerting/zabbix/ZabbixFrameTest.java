package io.zsentinel.alerting.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class ZabbixFrameTest {
    private static final byte[] JSON = "{\"request\":\"sender data\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void plainFrameHasTheProtocolFlagAndLittleEndianLengths() throws IOException {
        byte[] frame = ZabbixFrame.encode(JSON, false);
        assertThat(Arrays.copyOf(frame, 5)).containsExactly('Z', 'B', 'X', 'D', 0x01);
        ByteBuffer header = ByteBuffer.wrap(frame, 5, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt()).isEqualTo(JSON.length);
        assertThat(header.getInt()).isZero();
        assertThat(frame).hasSize(13 + JSON.length);
        assertThat(ZabbixFrame.decode(new ByteArrayInputStream(frame))).isEqualTo(JSON);
    }

    @Test
    void compressedFrameCarriesZlibAndTheUncompressedLengthInReserved() throws Exception {
        byte[] big = ("{\"data\":\"" + "x".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] frame = ZabbixFrame.encode(big, true);
        assertThat(frame[4]).isEqualTo((byte) 0x03);
        ByteBuffer header = ByteBuffer.wrap(frame, 5, 8).order(ByteOrder.LITTLE_ENDIAN);
        int length = header.getInt();
        assertThat(header.getInt()).isEqualTo(big.length);
        assertThat(length).isLessThan(big.length / 10).isEqualTo(frame.length - 13);
        Inflater inflater = new Inflater();
        inflater.setInput(frame, 13, length);
        byte[] out = new byte[big.length];
        assertThat(inflater.inflate(out)).isEqualTo(big.length);
        assertThat(out).isEqualTo(big);
        assertThat(ZabbixFrame.decode(new ByteArrayInputStream(frame))).isEqualTo(big);
    }

    @Test
    void refusesWhatIsNotAFrame() {
        assertThatThrownBy(() -> ZabbixFrame.decode(new ByteArrayInputStream("HTTP/1.1 400 Bad".getBytes())))
                .hasMessageContaining("ZBXD");
        byte[] large = ZabbixFrame.encode(JSON, false);
        large[4] = 0x05;
        assertThatThrownBy(() -> ZabbixFrame.decode(new ByteArrayInputStream(large)))
                .hasMessageContaining("large");
        byte[] truncated = Arrays.copyOf(ZabbixFrame.encode(JSON, false), 20);
        assertThatThrownBy(() -> ZabbixFrame.decode(new ByteArrayInputStream(truncated)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void parsesTheCountsFromInfo() throws IOException {
        SenderResponse ok = SenderResponse.parse(
                "{\"response\":\"success\",\"info\":\"processed: 1; failed: 0; total: 1; seconds spent: 0.000060\"}"
                        .getBytes());
        assertThat(ok)
                .extracting(
                        SenderResponse::success,
                        SenderResponse::processed,
                        SenderResponse::failed,
                        SenderResponse::total)
                .containsExactly(true, 1, 0, 1);
        SenderResponse failed = SenderResponse.parse(
                "{\"response\":\"success\",\"info\":\"processed: 0; failed: 3; total: 3; seconds spent: 0.1\"}"
                        .getBytes());
        assertThat(failed.failed()).isEqualTo(3);
        SenderResponse refused =
                SenderResponse.parse("{\"response\":\"failed\",\"info\":\"host not allowed\"}".getBytes());
        assertThat(refused.success()).isFalse();
        assertThat(ok.plus(failed))
                .extracting(SenderResponse::processed, SenderResponse::failed, SenderResponse::total)
                .containsExactly(1, 3, 4);
    }

    @Test
    void batchesHoldAtMost250Values() {
        assertThat(ZabbixSender.batches(values(0))).isEmpty();
        assertThat(ZabbixSender.batches(values(250))).extracting(List::size).containsExactly(250);
        assertThat(ZabbixSender.batches(values(251))).extracting(List::size).containsExactly(250, 1);
        assertThat(ZabbixSender.batches(values(700))).extracting(List::size).containsExactly(250, 250, 200);
    }

    @Test
    void theRequestIsSenderDataWithClockAndNs() throws IOException {
        String json = new String(ZabbixSender.request(List.of(new ZabbixValue(
                "lab", "zsentinel.job.rpo[lab/101-0]", "42", Instant.ofEpochSecond(1516710794, 592397170)))));
        assertThat(json)
                .isEqualTo(
                        "{\"request\":\"sender data\",\"data\":[{\"host\":\"lab\","
                                + "\"key\":\"zsentinel.job.rpo[lab/101-0]\",\"value\":\"42\",\"clock\":1516710794,\"ns\":592397170}]}");
    }

    static List<ZabbixValue> values(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new ZabbixValue("h", "k" + i, Integer.toString(i), null))
                .toList();
    }
}
