package io.zsentinel.alerting.inhibit;

import static io.zsentinel.alerting.support.Alerts.firing;
import static io.zsentinel.alerting.support.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.support.Alerts;
import java.util.List;
import org.junit.jupiter.api.Test;

class InhibitorTest {
    private final List<InhibitRule> rules = InhibitRule.defaults();
    private final Alert rpoOn1 = firing("rpo.breached", "cluster=lab", "job=lab/101-0", "executor=ex1");
    private final Alert rpoOn2 = firing("rpo.breached", "cluster=lab", "job=lab/102-0", "executor=ex2");
    private final Alert rpoUnknownExecutor = firing("rpo.breached", "cluster=lab", "job=lab/103-0");
    private final Alert silentEx1 = firing("executor.silent", "cluster=lab", "executor=ex1");
    private final Alert brokenJob2 = firing("chain.broken", "cluster=lab", "job=lab/102-0", "executor=ex2");

    @Test
    void aSilentExecutorInhibitsTheRpoOfItsOwnJobsOnly() {
        List<Alert> sources = List.of(silentEx1);
        assertThat(Inhibitor.inhibitedBy(rules, sources, rpoOn1)).contains(silentEx1);
        assertThat(Inhibitor.inhibitedBy(rules, sources, rpoOn2)).isEmpty();
        assertThat(Inhibitor.inhibitedBy(rules, sources, rpoUnknownExecutor)).isEmpty();
    }

    @Test
    void aBrokenChainInhibitsTheRpoOfTheSameJob() {
        List<Alert> sources = List.of(brokenJob2);
        assertThat(Inhibitor.inhibitedBy(rules, sources, rpoOn2)).contains(brokenJob2);
        assertThat(Inhibitor.inhibitedBy(rules, sources, rpoOn1)).isEmpty();
    }

    @Test
    void sourcesThemselvesAreNotInhibitedAndResolvedSourcesInhibitNothing() {
        assertThat(Inhibitor.inhibitedBy(rules, List.of(brokenJob2, silentEx1), brokenJob2))
                .isEmpty();
        assertThat(Inhibitor.inhibitedBy(rules, List.of(resolved(silentEx1, Alerts.T0)), rpoOn1))
                .isEmpty();
    }

    @Test
    void theIndexAgreesWithTheDefinition() {
        List<Alert> all = List.of(
                rpoOn1,
                rpoOn2,
                rpoUnknownExecutor,
                silentEx1,
                brokenJob2,
                firing("executor.silent", "cluster=lab", "executor=ex2"),
                firing("chain.broken", "cluster=lab", "job=lab/101-0"));
        for (int mask = 0; mask < (1 << all.size()); mask++) {
            Inhibitor inhibitor = new Inhibitor(rules);
            List<Alert> sources = new java.util.ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    inhibitor.observe(all.get(i));
                    sources.add(all.get(i));
                } else {
                    inhibitor.observe(resolved(all.get(i), Alerts.T0));
                }
            }
            for (Alert target : all) {
                assertThat(inhibitor.inhibitedBy(target).isPresent())
                        .as("mask %s target %s", Integer.toBinaryString(mask), target.labels())
                        .isEqualTo(Inhibitor.inhibitedBy(rules, sources, target).isPresent());
            }
        }
    }

    @Test
    void theLiveViewFollowsResolution() {
        Inhibitor inhibitor = new Inhibitor(rules);
        inhibitor.observe(silentEx1);
        assertThat(inhibitor.inhibitedBy(rpoOn1)).isPresent();
        inhibitor.observe(resolved(silentEx1, Alerts.T0));
        assertThat(inhibitor.inhibitedBy(rpoOn1)).isEmpty();
    }
}
