package io.zsentinel.testkit.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class needs the ZFS lab: {@link LabExtension} brings it up (once per test JVM) and
 * injects {@link Lab} parameters. Tagged {@code lab} so a build can include or exclude these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabExtension.class)
@Tag("lab")
public @interface RequiresLab {
    /**
     * At least this many nodes (pve1..pveN). A test that takes a whole node down (its sshd, its
     * pool) asks for nodes of its own beside the shared ones. The lab may have more.
     */
    int nodes() default LabExtension.DEFAULT_NODES;
}
