package io.zsentinel.testkit.lab;

import io.zsentinel.remote.CommandListener;
import io.zsentinel.remote.RemoteRunner;
import io.zsentinel.remote.SshOptions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests the ZFS lab of deploy/lab: on first use in a test JVM it runs
 * {@code lab.sh up} (idempotent: a healthy lab is only checked, a missing or broken node is
 * (re)built), reads the node descriptor, and injects a {@link Lab}.
 *
 * <pre>{@code
 * @RequiresLab            // or @ExtendWith(LabExtension.class)
 * class MyTest {
 *   @Test void t(Lab lab) throws Exception { lab.ssh("pve1").ok("zfs", "list"); }
 * }
 * }</pre>
 *
 * <p>If the lab cannot come up (no root, no /dev/fuse, packages missing), tests are skipped
 * with lab.sh's reason, except under {@code CI=true}, where they fail: CI must run them.
 *
 * <p>The lab is left running when the run ends (the next test JVM, e.g. another module's,
 * reuses it in about a second instead of building it again); {@code deploy/lab/lab.sh down}
 * stops it. Only this run's SSH connections are closed at the end.
 *
 * <p>System properties: {@code zsentinel.root} (repository root, else found by walking up
 * from the working directory), {@code zsentinel.lab.nodes} (default 2). A class annotated
 * {@code @RequiresLab(nodes = N)} gets at least N nodes ({@code lab.sh up N}; nodes already up stay
 * as they are). The lab's own environment variables (ZSENTINEL_LAB_DIR, ZSENTINEL_LAB_IP_BASE,
 * ...) pass through to lab.sh, which inherits this JVM's environment.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final Logger log = LoggerFactory.getLogger(LabExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);
    private static final long UP_TIMEOUT_SECONDS = 300;
    static final int DEFAULT_NODES = 2;

    @Override
    public void beforeAll(ExtensionContext context) {
        lab(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lab(context);
    }

    /** The run's lab, brought up on first call; skips (or under CI=true fails) if it cannot come up. */
    public static Lab lab(ExtensionContext context) {
        int nodes = requiredNodes(
                AnnotationSupport.findAnnotation(context.getTestClass(), RequiresLab.class),
                System.getProperty("zsentinel.lab.nodes"));
        // One session per node count: `up N` after `up 2` only adds nodes, so both sessions see a healthy lab.
        Session s = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent("lab-" + nodes, k -> Session.start(nodes), Session.class);
        if (s.lab != null) {
            return s.lab;
        }
        if (isCi()) {
            throw new IllegalStateException("the ZFS lab did not come up (CI=true: lab tests must run): " + s.failure);
        }
        throw new TestAbortedException("ZFS lab not available: " + s.failure);
    }

    /** The larger of the class's {@code @RequiresLab(nodes)} and {@code -Dzsentinel.lab.nodes} (default 2). */
    static int requiredNodes(Optional<RequiresLab> annotation, String property) {
        int fromProperty = DEFAULT_NODES;
        if (property != null && !property.isBlank()) {
            try {
                fromProperty = Integer.parseInt(property.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dzsentinel.lab.nodes=" + property + " is not a number", e);
            }
        }
        int fromAnnotation = annotation.map(RequiresLab::nodes).orElse(DEFAULT_NODES);
        int nodes = Math.max(fromProperty, fromAnnotation);
        if (nodes < 1) {
            throw new IllegalArgumentException("the lab needs at least one node, not " + nodes);
        }
        return nodes;
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The outcome of bringing the lab up, remembered for the whole run (success or the reason why not). */
    private static final class Session implements AutoCloseable {
        final Lab lab;
        final String failure;
        final RemoteRunner runner;

        private Session(Lab lab, RemoteRunner runner, String failure) {
            this.lab = lab;
            this.runner = runner;
            this.failure = failure;
        }

        static Session start(int nodes) {
            LabScript script;
            try {
                script = new LabScript(LabScript.locate());
            } catch (IllegalStateException e) {
                return new Session(null, null, e.getMessage());
            }
            long t0 = System.nanoTime();
            try {
                script.require(UP_TIMEOUT_SECONDS, "up", Integer.toString(nodes));
                Path descriptor = descriptorPath(script.require(30, "env"));
                LabDescriptor d = LabDescriptor.read(descriptor);
                if (d.nodes().size() < nodes) {
                    throw new IllegalStateException(
                            "lab.sh up " + nodes + " left " + d.nodes().size() + " nodes in " + descriptor);
                }
                log.info(
                        "ZFS lab up with {} in {} ms ({})",
                        d.nodes().stream().map(LabDescriptor.Node::name).toList(),
                        (System.nanoTime() - t0) / 1_000_000,
                        descriptor);
                RemoteRunner runner = new RemoteRunner(SshOptions.defaults(), CommandListener.NONE);
                return new Session(new Lab(script, descriptor, d, runner), runner, null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new Session(null, null, e.getMessage());
            }
        }

        private static Path descriptorPath(String envOutput) {
            for (String line : envOutput.split("\n")) {
                if (line.startsWith("ZSENTINEL_LAB_NODES=")) {
                    return Path.of(
                            line.substring("ZSENTINEL_LAB_NODES=".length()).trim());
                }
            }
            throw new IllegalStateException("lab.sh env printed no ZSENTINEL_LAB_NODES: " + envOutput);
        }

        @Override
        public void close() {
            if (runner != null) {
                runner.close(); // the lab itself stays up for the next run (see the class comment)
            }
        }
    }
}
