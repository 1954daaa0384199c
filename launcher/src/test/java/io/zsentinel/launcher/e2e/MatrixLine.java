package io.zsentinel.launcher.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the fault matrix as it is printed, so the results can be put into a table:
 * {@code MATRIX case=... expected=... observed=... fault_to_finding=...s datasets_before=[...]
 * datasets_after=[...]}. Filled in by the case while it runs (from several threads: the case's
 * and the test's), printed once at its end whatever happened.
 */
public final class MatrixLine {
    private final String name;
    private final String expected;
    private volatile String observed = "(not observed)";
    private volatile Instant faultAt;
    private volatile Instant detectedAt;
    private volatile String detectedBy;
    private volatile List<String> datasetsBefore = List.of();
    private volatile List<String> datasetsAfter = List.of();
    private final List<String> notes = new ArrayList<>();

    public MatrixLine(String name, String expected) {
        this.name = name;
        this.expected = expected;
    }

    public String name() {
        return name;
    }

    public void fault(Instant at) {
        this.faultAt = at;
    }

    public Instant faultAt() {
        return faultAt;
    }

    /** The first finding that reported the fault, and when the test read it. */
    public void detected(String finding, Instant at) {
        this.detectedBy = finding;
        this.detectedAt = at;
    }

    /** Seconds from the fault to its finding; null when no finding reported it. */
    public Double faultToFindingSeconds() {
        return faultAt == null || detectedAt == null
                ? null
                : Duration.between(faultAt, detectedAt).toMillis() / 1000.0;
    }

    public void observed(String text) {
        this.observed = text;
    }

    public void datasetsBefore(List<String> datasets) {
        this.datasetsBefore = List.copyOf(datasets);
    }

    public void datasetsAfter(List<String> datasets) {
        this.datasetsAfter = List.copyOf(datasets);
    }

    public synchronized void note(String format, Object... args) {
        notes.add(String.format(Locale.ROOT, format, args));
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public String toString() {
        Double s = faultToFindingSeconds();
        String toFinding = s == null
                ? "-"
                : String.format(Locale.ROOT, "%.1fs", s) + (detectedBy == null ? "" : "(" + detectedBy + ")");
        return "MATRIX case=" + name + " expected=" + expected + " observed=" + observed + " fault_to_finding="
                + toFinding + " datasets_before=" + datasetsBefore + " datasets_after=" + datasetsAfter;
    }
}
