package io.zsentinel.alerting.resync;

import io.zsentinel.alerting.dispatch.Settlement;
import io.zsentinel.alerting.kafka.Producers;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.notify.AuditSink;
import io.zsentinel.events.CommandSigner;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.Fingerprint;
import io.zsentinel.events.data.AuditData;
import io.zsentinel.events.data.CommandData;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.FindingNames;
import io.zsentinel.events.kafka.EventRecords;
import io.zsentinel.events.kafka.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the policy's decisions: signs and publishes resync commands, audits every
 * decision worth knowing, and raises a {@code resync.refused} alert through the pipeline when
 * the target lacks space. A finding's record is settled only once those writes are acknowledged.
 * Runs on the dispatcher thread.
 */
public final class ResyncHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncHandler.class);
    public static final String REFUSED_ALERT = "resync.refused";

    private final ResyncConfig config;
    private final ResyncPolicy policy;
    private final ResyncState state = new ResyncState();
    private final CommandSigner signer;
    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final AuditSink audit;
    private final Clock clock;
    private final String issuer;
    private final String source;
    private final Consumer<Alert> raise;
    /** job -> the refusal alert raised for its current episode. */
    private final Map<String, Alert> refusals = new HashMap<>();
    /** job -> the last deferral audited (reason + episode), so re-sends do not flood the audit log. */
    private final Map<String, String> deferrals = new HashMap<>();

    public ResyncHandler(
            ResyncConfig config,
            Producer<String, byte[]> producer,
            Topics topics,
            AuditSink audit,
            Clock clock,
            String instance,
            Consumer<Alert> raise) {
        this.config = config;
        this.policy = new ResyncPolicy(config);
        this.signer = config.secret() == null
                ? null
                : new CommandSigner(config.secret().bytes());
        this.producer = producer;
        this.topics = topics;
        this.audit = audit;
        this.clock = clock;
        this.issuer = "alerting/" + instance;
        this.source = Envelope.source("alerting", instance);
        this.raise = raise;
    }

    public ResyncState state() {
        return state;
    }

    public void onFinding(FindingData finding, Settlement settlement) {
        if (!config.enabled() || !FindingNames.CHAIN_BROKEN.equals(finding.name())) {
            return;
        }
        String job = finding.labels().get("job");
        Instant now = clock.instant();
        if (!finding.firing()) {
            if (job != null) {
                state.resolved(job);
                deferrals.remove(job);
                Alert refusal = refusals.remove(job);
                if (refusal != null) {
                    raise.accept(resolvedCopy(refusal, now));
                }
            }
            return;
        }
        ResyncDecision decision = policy.decide(finding, state, now);
        if (decision instanceof ResyncDecision.Issue issue) {
            issue(issue, finding, now, settlement);
        } else if (decision instanceof ResyncDecision.Refuse refuse) {
            refuse(refuse, finding, now, settlement);
        } else {
            ResyncDecision.Skip skip = (ResyncDecision.Skip) decision;
            String marker = skip.reason() + "@" + finding.startsAt();
            if (skip.deferred() && !marker.equals(deferrals.put(job, marker))) {
                track(
                        settlement,
                        audit.audit(
                                job,
                                new AuditData(
                                        "resync.deferred",
                                        issuer,
                                        "unknown",
                                        job,
                                        skip.reason().label(),
                                        attributes(finding, skip.detail()))));
            }
        }
    }

    private void issue(ResyncDecision.Issue issue, FindingData finding, Instant now, Settlement settlement) {
        state.issued(issue.job(), finding.startsAt(), now);
        Map<String, String> attributes = attributes(finding, issue.reason());
        attributes.put("command_id", issue.commandId());
        attributes.put("expires_at", issue.expiresAt().toString());
        if (issue.dryRun()) {
            LOG.info("dry run: would order a resync of {} ({})", issue.job(), issue.commandId());
            track(
                    settlement,
                    audit.audit(
                            issue.job(),
                            new AuditData("resync.dry_run", issuer, "success", issue.job(), "dry_run", attributes)));
            return;
        }
        CommandData command = signer.sign(new CommandData(
                issue.commandId(),
                CommandData.RESYNC,
                issue.job(),
                issuer,
                issue.reason(),
                now,
                issue.expiresAt(),
                false,
                null));
        Envelope envelope = Envelope.of(EventType.COMMAND_RESYNC, source, issue.job(), command, clock);
        LOG.info("ordering a resync of {} ({})", issue.job(), issue.commandId());
        track(settlement, Producers.send(producer, EventRecords.toRecord(topics.commands(), issue.job(), envelope)));
        track(
                settlement,
                audit.audit(
                        issue.job(),
                        new AuditData("command.issued", issuer, "success", issue.job(), "chain_broken", attributes)));
    }

    private void refuse(ResyncDecision.Refuse refuse, FindingData finding, Instant now, Settlement settlement) {
        if (refusals.containsKey(refuse.job())) {
            return;
        }
        LOG.warn("refusing to resync {}: {}", refuse.job(), refuse.detail());
        track(
                settlement,
                audit.audit(
                        refuse.job(),
                        new AuditData(
                                "resync.refused",
                                issuer,
                                "failure",
                                refuse.job(),
                                refuse.reason().label(),
                                attributes(finding, refuse.detail()))));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", REFUSED_ALERT);
        for (String name : List.of("cluster", "job", "node", "target", "executor")) {
            if (finding.labels().containsKey(name)) {
                labels.put(name, finding.labels().get(name));
            }
        }
        Map<String, String> annotations = new LinkedHashMap<>(finding.annotations());
        annotations.put("reason", refuse.reason().label());
        Alert alert = new Alert(
                Fingerprint.of(labels),
                labels,
                annotations,
                FindingNames.CRITICAL,
                refuse.job() + ": automatic resync refused: " + refuse.detail(),
                now,
                null,
                null,
                false);
        refusals.put(refuse.job(), alert);
        raise.accept(alert);
    }

    private static Alert resolvedCopy(Alert alert, Instant now) {
        return new Alert(
                alert.fingerprint(),
                alert.labels(),
                alert.annotations(),
                alert.severity(),
                alert.summary(),
                alert.startsAt(),
                now,
                alert.value(),
                true);
    }

    private static Map<String, String> attributes(FindingData finding, String detail) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("finding", finding.fingerprint());
        attributes.put("episode", finding.startsAt().toString());
        if (detail != null) {
            attributes.put("detail", detail);
        }
        for (String name : List.of("node", "target", "cluster")) {
            if (finding.labels().containsKey(name)) {
                attributes.put(name, finding.labels().get(name));
            }
        }
        return attributes;
    }

    private static void track(Settlement settlement, CompletableFuture<Void> write) {
        settlement.retain();
        write.whenComplete((v, e) -> {
            if (e != null) {
                // not durable: keep the record unsettled so a restart decides again
                LOG.error("resync record not written: {}", e.toString());
                return;
            }
            settlement.release();
        });
    }
}
