package io.zsentinel.executor.zfs;

import io.zsentinel.chain.Snapshot;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure parsers of {@code zfs get -H[p]}, {@code zfs list -H[p]} and {@code zpool list -H[p]}
 * output (tab-separated because of {@code -H}). Values come exact with {@code -p} or human
 * without it (zfs-fuse has no {@code -p} on list); both parse.
 */
public final class ZfsOutput {
    /** {@code zfs get} properties the inventory reads, in the order the command asks for them. */
    public static final List<String> INVENTORY_PROPERTIES =
            List.of("guid", "creation", "createtxg", "used", "referenced", "available");

    private static final DateTimeFormatter HUMAN_CREATION =
            DateTimeFormatter.ofPattern("EEE MMM d H:mm[:ss] yyyy", Locale.ENGLISH);

    private ZfsOutput() {}

    /** One line of {@code zpool list -H -o name,size,allocated,free,capacity,health}. */
    public record PoolLine(String name, long size, long allocated, long free, Integer capacityPercent, String health) {}

    /**
     * {@code zfs get -H[p] -r -o name,property,value <props> <dataset>}: the dataset's own
     * figures and its snapshots (children and their snapshots are ignored). Human creation times
     * are read in {@code zone} (the node's zone).
     */
    public static DatasetInventory parseGet(String dataset, String output, ZoneId zone) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String line : lines(output)) {
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw new IllegalArgumentException("zfs get line has " + f.length + " fields, expected 3: " + line);
            }
            byName.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]);
        }
        Map<String, String> own = byName.get(dataset);
        List<Snapshot> snapshots = new ArrayList<>();
        String prefix = dataset + "@";
        for (Map.Entry<String, Map<String, String>> e : byName.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                snapshots.add(snapshot(e.getKey().substring(prefix.length()), e.getValue(), zone));
            }
        }
        if (own == null && snapshots.isEmpty()) {
            return DatasetInventory.absent(dataset);
        }
        return new DatasetInventory(
                dataset,
                true,
                own == null ? null : Sizes.parse(own.get("used")),
                own == null ? null : Sizes.parse(own.get("available")),
                snapshots);
    }

    /**
     * {@code zfs list -H[p] -t snapshot -o name,guid,creation[,createtxg[,used[,referenced]]]}:
     * snapshots per dataset, in the order of the given columns (the first must be name).
     */
    public static Map<String, List<Snapshot>> parseSnapshotList(String output, List<String> columns, ZoneId zone) {
        if (columns.isEmpty() || !columns.get(0).equals("name")) {
            throw new IllegalArgumentException("the first column must be name");
        }
        Map<String, List<Snapshot>> result = new LinkedHashMap<>();
        for (String line : lines(output)) {
            String[] f = line.split("\t", -1);
            if (f.length != columns.size()) {
                throw new IllegalArgumentException(
                        "zfs list line has " + f.length + " fields, expected " + columns.size() + ": " + line);
            }
            int at = f[0].indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("not a snapshot name: " + f[0]);
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 1; i < columns.size(); i++) {
                props.put(columns.get(i), f[i]);
            }
            result.computeIfAbsent(f[0].substring(0, at), k -> new ArrayList<>())
                    .add(snapshot(f[0].substring(at + 1), props, zone));
        }
        result.replaceAll((k, v) -> v.stream().sorted(Snapshot.AGE).toList());
        return result;
    }

    /** {@code zpool list -H[p] -o name,size,allocated,free,capacity,health}. */
    public static List<PoolLine> parsePools(String output) {
        List<PoolLine> pools = new ArrayList<>();
        for (String line : lines(output)) {
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("zpool list line has " + f.length + " fields, expected 6: " + line);
            }
            String capacity = f[4].strip().replace("%", "");
            pools.add(new PoolLine(
                    f[0],
                    orZero(Sizes.parse(f[1])),
                    orZero(Sizes.parse(f[2])),
                    orZero(Sizes.parse(f[3])),
                    capacity.isEmpty() || capacity.equals("-") ? null : Integer.valueOf(capacity),
                    f[5].strip()));
        }
        return pools;
    }

    /** Epoch seconds ({@code -p}) or the human form zfs prints ({@code Thu Nov 26  7:30 2026}). */
    public static Instant creation(String text, ZoneId zone) {
        String s = text.strip();
        if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        try {
            return LocalDateTime.parse(s.replaceAll("\\s+", " "), HUMAN_CREATION)
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a creation time", e);
        }
    }

    private static Snapshot snapshot(String name, Map<String, String> props, ZoneId zone) {
        String guid = props.get("guid");
        String creation = props.get("creation");
        if (guid == null || creation == null) {
            throw new IllegalArgumentException("snapshot " + name + " lacks guid or creation");
        }
        return Snapshot.of(
                name,
                guid.strip(),
                creation(creation, zone),
                number(props.get("createtxg")),
                Sizes.parse(props.get("used")),
                Sizes.parse(props.get("referenced")));
    }

    private static Long number(String text) {
        if (text == null || text.isBlank() || text.strip().equals("-")) {
            return null;
        }
        return Long.parseLong(text.strip());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static List<String> lines(String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        }
        return lines;
    }
}
