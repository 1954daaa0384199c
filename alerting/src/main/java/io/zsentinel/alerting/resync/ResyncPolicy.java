package io.zsentinel.alerting.resync;

import io.zsentinel.alerting.resync.ResyncDecision.Issue;
import io.zsentinel.alerting.resync.ResyncDecision.Reason;
import io.zsentinel.alerting.resync.ResyncDecision.Refuse;
import io.zsentinel.alerting.resync.ResyncDecision.Skip;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.FindingNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Whether a finding should make alerting order a resync. Pure: the finding, what was issued
 * before, and the time in; a decision out. Order of the checks: applicability, policy (allow
 * list), this episode already handled, space (refuse: a human must act), then the timing
 * limits (blackout, cool-down, concurrency), which only defer.
 */
public final class ResyncPolicy {
    private final ResyncConfig config;

    public ResyncPolicy(ResyncConfig config) {
        this.config = config;
    }

    public ResyncDecision decide(FindingData finding, ResyncState state, Instant now) {
        if (!FindingNames.CHAIN_BROKEN.equals(finding.name())) {
            return new Skip(Reason.NOT_CHAIN_BROKEN, finding.name());
        }
        if (!finding.firing()) {
            return new Skip(Reason.NOT_FIRING, "resolved");
        }
        if (!config.enabled()) {
            return new Skip(Reason.DISABLED, "alerting.resync.enabled is false");
        }
        String job = finding.labels().get("job");
        if (job == null || job.isBlank()) {
            return new Skip(Reason.NO_JOB, "the finding has no job label");
        }
        if (!config.allows(job)) {
            return new Skip(Reason.NOT_ALLOWED, job + " matches none of alerting.resync.jobs");
        }
        ResyncState.Issued issued = state.get(job);
        if (issued != null && issued.episode().equals(finding.startsAt())) {
            return new Skip(Reason.ALREADY_ISSUED, "a resync was issued for this episode at " + issued.issuedAt());
        }
        Long sourceBytes = number(finding.annotations().get(FindingNames.SOURCE_BYTES));
        Long targetFree = number(finding.annotations().get(FindingNames.TARGET_FREE_BYTES));
        if (sourceBytes != null && targetFree != null && targetFree < config.spaceFactor() * sourceBytes) {
            return new Refuse(
                    job,
                    Reason.NO_SPACE,
                    String.format(
                            "target pool has %d bytes free, a full send needs %.1f x %d = %d",
                            targetFree, config.spaceFactor(), sourceBytes, (long)
                                    Math.ceil(config.spaceFactor() * sourceBytes)));
        }
        for (BlackoutWindow window : config.blackout()) {
            if (window.contains(now.atZone(config.timezone()))) {
                return new Skip(Reason.BLACKOUT, "inside blackout window '" + window + "' (" + config.timezone() + ")");
            }
        }
        if (issued != null && now.isBefore(issued.issuedAt().plus(config.coolDown()))) {
            return new Skip(
                    Reason.COOL_DOWN,
                    "last resync of " + job + " at " + issued.issuedAt() + ", cool-down " + config.coolDown());
        }
        int running = state.running(now, config.maxDuration());
        if (running >= config.maxConcurrent()) {
            return new Skip(Reason.MAX_CONCURRENT, running + " resync(s) running, at most " + config.maxConcurrent());
        }
        return new Issue(
                job,
                commandId(job, finding.startsAt()),
                now.plus(config.commandExpiry()),
                config.dryRun(),
                finding.summary());
    }

    /** One id per job and episode, so re-sent findings and restarts never order a second resync. */
    public static String commandId(String job, Instant episode) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((job + "\n" + episode).getBytes(StandardCharsets.UTF_8));
            return "resync-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return (long) Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
