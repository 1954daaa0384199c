package io.zsentinel.alerting.inhibit;

import io.zsentinel.alerting.model.Matcher;
import io.zsentinel.events.data.FindingNames;
import java.util.List;

/**
 * A firing alert matching {@code source} mutes alerts matching {@code target} that have the
 * same values for every label in {@code equal} (a missing label counts as empty, as in
 * Alertmanager).
 */
public record InhibitRule(List<Matcher> source, List<Matcher> target, List<String> equal) {
    public InhibitRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    /** The defaults: a silent executor explains its jobs' RPO; a broken chain explains its job's RPO. */
    public static List<InhibitRule> defaults() {
        return List.of(
                new InhibitRule(
                        List.of(Matcher.equal("alertname", FindingNames.EXECUTOR_SILENT)),
                        List.of(Matcher.equal("alertname", FindingNames.RPO_BREACHED)),
                        List.of("executor")),
                new InhibitRule(
                        List.of(Matcher.equal("alertname", FindingNames.CHAIN_BROKEN)),
                        List.of(Matcher.equal("alertname", FindingNames.RPO_BREACHED)),
                        List.of("job")));
    }
}
