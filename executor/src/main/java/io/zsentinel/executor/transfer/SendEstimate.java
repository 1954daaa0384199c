package io.zsentinel.executor.transfer;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the size from {@code zfs send -nvP} output ({@code size\t<bytes>}, or the -v "estimated size is 1.2G" form). */
public final class SendEstimate {
    private static final Pattern PARSABLE = Pattern.compile("(?m)^size\\s+(\\d+)\\s*$");
    private static final Pattern HUMAN = Pattern.compile("total estimated size is (\\S+)");

    private SendEstimate() {}

    public static OptionalLong parse(String output) {
        Matcher m = PARSABLE.matcher(output);
        if (m.find()) {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        }
        Matcher h = HUMAN.matcher(output);
        if (h.find()) {
            Long bytes = io.zsentinel.executor.zfs.Sizes.parse(h.group(1));
            return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
        }
        return OptionalLong.empty();
    }
}
