package io.zsentinel.testkit.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** The class path a child JVM of a test or bench needs to run this project's code. */
public final class ChildClassPath {
    private ChildClassPath() {}

    /**
     * The context class loader's URLs when it has any: under {@code exec:java} this JVM's own
     * {@code java.class.path} is Maven's launcher, not the project's. Otherwise {@code java.class.path}.
     */
    public static String current() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
                && loader.getURLs().length > 0) {
            StringBuilder cp = new StringBuilder();
            for (URL url : loader.getURLs()) {
                try {
                    cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(Path.of(url.toURI()));
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("not a file URL on the class path: " + url, e);
                }
            }
            return cp.toString();
        }
        return System.getProperty("java.class.path");
    }
}
