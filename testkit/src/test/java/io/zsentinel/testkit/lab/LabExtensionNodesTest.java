package io.zsentinel.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How many nodes {@link LabExtension} brings up: the larger of the annotation's and the property's. */
class LabExtensionNodesTest {

    @RequiresLab(nodes = 5)
    private static final class FiveNodes {}

    @RequiresLab
    private static final class DefaultNodes {}

    private static Optional<RequiresLab> of(Class<?> type) {
        return Optional.of(type.getAnnotation(RequiresLab.class));
    }

    @Test
    void withoutAnnotationOrPropertyTheLabHasTwoNodes() {
        assertThat(LabExtension.requiredNodes(Optional.empty(), null)).isEqualTo(2);
        assertThat(LabExtension.requiredNodes(of(DefaultNodes.class), "")).isEqualTo(2);
    }

    @Test
    void aClassAskingForMoreNodesGetsThemAndThePropertyCanRaiseButNotLowerIt() {
        assertThat(LabExtension.requiredNodes(of(FiveNodes.class), null)).isEqualTo(5);
        assertThat(LabExtension.requiredNodes(of(FiveNodes.class), "3")).isEqualTo(5);
        assertThat(LabExtension.requiredNodes(of(FiveNodes.class), "7")).isEqualTo(7);
        assertThat(LabExtension.requiredNodes(of(DefaultNodes.class), "3")).isEqualTo(3);
    }

    @Test
    void aPropertyThatIsNoNumberIsReportedWithItsName() {
        assertThatThrownBy(() -> LabExtension.requiredNodes(Optional.empty(), "four"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zsentinel.lab.nodes=four");
    }
}
