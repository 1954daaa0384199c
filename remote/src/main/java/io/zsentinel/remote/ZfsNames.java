package io.zsentinel.remote;

import java.util.List;

/**
 * Strict validation of ZFS pool, dataset, snapshot and bookmark names. Stricter than ZFS
 * itself on purpose (no spaces, no {@code ..} anywhere, no component starting with
 * {@code -}): a name that passes here is harmless as a shell word and as a command argument,
 * and every name the executor puts on a command line must pass here first.
 *
 * <p>Rules (after OpenZFS {@code zfs_namecheck.c}, tightened):
 * <ul>
 *   <li>characters: ASCII letters, digits, {@code _ . : -}; {@code /} separates dataset
 *       components, one {@code @} starts a snapshot name, one {@code #} a bookmark name;
 *   <li>whole name at most 255 characters, at most 49 {@code /} (OpenZFS nests 50 deep);
 *   <li>no empty component, no component that starts with {@code -} or is {@code .},
 *       no {@code ..} anywhere;
 *   <li>pool: starts with a letter; not {@code log}, not starting with {@code mirror},
 *       {@code raidz}, {@code draid}, {@code spare}; not {@code c} + digit (looks like a disk).
 * </ul>
 * Every check throws {@link IllegalArgumentException} naming the value and the reason.
 */
public final class ZfsNames {
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_NESTING = 50;

    private static final String ALLOWED = "letters, digits, '_', '.', ':', '-'";
    private static final List<String> RESERVED_POOL_PREFIXES = List.of("mirror", "raidz", "draid", "spare");

    private ZfsNames() {}

    /** @return {@code name} if it is a valid pool name */
    public static String pool(String name) {
        return check("pool", name, poolProblem(name));
    }

    /** @return {@code name} if it is a valid dataset (filesystem or volume) name, e.g. {@code rpool/data/subvol-101-disk-0} */
    public static String dataset(String name) {
        return check("dataset", name, datasetProblem(name));
    }

    /** @return {@code name} if it is a valid full snapshot name {@code dataset@snap} */
    public static String snapshot(String name) {
        return check("snapshot", name, taggedProblem(name, '@', "snapshot"));
    }

    /** @return {@code name} if it is a valid full bookmark name {@code dataset#mark} */
    public static String bookmark(String name) {
        return check("bookmark", name, taggedProblem(name, '#', "bookmark"));
    }

    /** @return {@code name} if it is a valid short snapshot name (the part after {@code @}) */
    public static String snapshotName(String name) {
        return check("snapshot short name", name, componentProblem(name, "the snapshot name"));
    }

    /** @return {@code dataset@snapName}, both parts validated */
    public static String snapshotOf(String dataset, String snapName) {
        dataset(dataset);
        snapshotName(snapName);
        return snapshot(dataset + "@" + snapName);
    }

    /** @return {@code name} if it is a valid dataset or full snapshot name */
    public static String datasetOrSnapshot(String name) {
        if (name != null && name.indexOf('@') >= 0) {
            return snapshot(name);
        }
        return dataset(name);
    }

    public static boolean isValidPool(String name) {
        return poolProblem(name) == null;
    }

    public static boolean isValidDataset(String name) {
        return datasetProblem(name) == null;
    }

    public static boolean isValidSnapshot(String name) {
        return taggedProblem(name, '@', "snapshot") == null;
    }

    // ------------------------------------------------------------------ checks (null = valid)

    private static String poolProblem(String name) {
        String common = commonProblem(name);
        if (common != null) {
            return common;
        }
        if (name.indexOf('/') >= 0 || name.indexOf('@') >= 0 || name.indexOf('#') >= 0) {
            return "a pool name has no '/', '@' or '#'";
        }
        return poolComponentProblem(name);
    }

    private static String poolComponentProblem(String pool) {
        String c = componentProblem(pool, "the pool name");
        if (c != null) {
            return c;
        }
        char first = pool.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return "the pool name must begin with a letter";
        }
        if (pool.equals("log")) {
            return "'log' is a reserved pool name";
        }
        for (String prefix : RESERVED_POOL_PREFIXES) {
            if (pool.startsWith(prefix)) {
                return "pool names beginning with '" + prefix + "' are reserved";
            }
        }
        if (pool.length() >= 2 && pool.charAt(0) == 'c' && Character.isDigit(pool.charAt(1))) {
            return "pool names of the form c<digit>... look like disk names and are reserved";
        }
        return null;
    }

    private static String datasetProblem(String name) {
        String common = commonProblem(name);
        if (common != null) {
            return common;
        }
        if (name.indexOf('@') >= 0) {
            return "'@' belongs to snapshot names, not dataset names";
        }
        if (name.indexOf('#') >= 0) {
            return "'#' belongs to bookmark names, not dataset names";
        }
        String[] parts = name.split("/", -1);
        if (parts.length > MAX_NESTING) {
            return "nested " + parts.length + " levels deep, more than " + MAX_NESTING;
        }
        String pool = poolComponentProblem(parts[0]);
        if (pool != null) {
            return parts[0].isEmpty() ? "empty component (leading '/')" : pool;
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                return i == parts.length - 1 ? "empty component (trailing '/')" : "empty component ('//')";
            }
            String c = componentProblem(parts[i], "component '" + parts[i] + "'");
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static String taggedProblem(String name, char tag, String kind) {
        String common = commonProblem(name);
        if (common != null) {
            return common;
        }
        int at = name.indexOf(tag);
        if (at < 0) {
            return "a " + kind + " name has the form dataset" + tag + "name; there is no '" + tag + "'";
        }
        if (name.indexOf(tag, at + 1) >= 0) {
            return "more than one '" + tag + "'";
        }
        char other = tag == '@' ? '#' : '@';
        if (name.indexOf(other) >= 0) {
            return "'" + other + "' is not allowed in a " + kind + " name";
        }
        String dataset = name.substring(0, at);
        String shortName = name.substring(at + 1);
        if (dataset.isEmpty()) {
            return "no dataset before '" + tag + "'";
        }
        String d = datasetProblem(dataset);
        if (d != null) {
            return "dataset part: " + d;
        }
        if (shortName.indexOf('/') >= 0) {
            return "'/' is not allowed after '" + tag + "'";
        }
        return componentProblem(shortName, "the " + kind + " name after '" + tag + "'");
    }

    /** One component: a pool name, a path element, or a snapshot/bookmark short name. */
    private static String componentProblem(String c, String what) {
        if (c == null) {
            return "null";
        }
        if (c.isEmpty()) {
            return what + " is empty";
        }
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (!allowed(ch)) {
                return "character '" + Printable.of(String.valueOf(ch)) + "' in " + what + " is not allowed (only "
                        + ALLOWED + ")";
            }
        }
        if (c.charAt(0) == '-') {
            return what + " begins with '-', which a command would read as an option";
        }
        if (c.equals(".")) {
            return what + " is '.'";
        }
        if (c.contains("..")) {
            return what + " contains '..'";
        }
        if (c.length() > MAX_NAME_LENGTH) {
            return what + " is longer than " + MAX_NAME_LENGTH + " characters";
        }
        return null;
    }

    private static String commonProblem(String name) {
        if (name == null) {
            return "null";
        }
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return name.length() + " characters, more than " + MAX_NAME_LENGTH;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!allowed(ch) && ch != '/' && ch != '@' && ch != '#') {
                return "character '" + Printable.of(String.valueOf(ch)) + "' at position " + i
                        + " is not allowed (only " + ALLOWED + ", '/' between components, '@' or '#' once)";
            }
        }
        if (name.contains("..")) {
            return "contains '..'";
        }
        return null;
    }

    private static boolean allowed(char ch) {
        return (ch >= 'a' && ch <= 'z')
                || (ch >= 'A' && ch <= 'Z')
                || (ch >= '0' && ch <= '9')
                || ch == '_'
                || ch == '.'
                || ch == ':'
                || ch == '-';
    }

    private static String check(String kind, String name, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(
                    "invalid ZFS " + kind + " name '" + Printable.of(name) + "': " + problem);
        }
        return name;
    }
}
