package org.paramlab.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Reads {@code plan.json} and {@code progress.jsonl} back into a {@link GradingRun}.
 *
 * <p>A planned test with no "finished" line did not end normally: {@link TestStatus#CRASHED} if it
 * had started (the test JVM died during it), {@link TestStatus#NOT_RUN} if it had not. A line that
 * cannot be parsed (the last one, cut off by a dying JVM) is ignored. "answer" lines become
 * {@link FreeAnswer}s: one per planned test and question (the last one published wins), in plan
 * order; an answer of a test that is not in the plan is ignored.
 */
public final class GradingRunReader {

    /** The message of a test that never started because the test JVM stopped before it. */
    public static final String NOT_RUN_MESSAGE = "the test JVM stopped before this test ran:"
            + " System.exit, a crash or running out of memory in an earlier test?";
    /** The message of a test during which the test JVM stopped. */
    public static final String CRASHED_MESSAGE = "the test JVM stopped during this test:"
            + " System.exit, a crash or running out of memory?";
    /** The message of a test that JUnit did not report on although the run ended normally. */
    public static final String NO_RESULT_MESSAGE = "JUnit reported no result for this test";

    private GradingRunReader() {
    }

    /**
     * @param reportDir the report folder
     * @return the run, or empty when there is no {@code plan.json} (no graded test ran)
     * @throws IllegalStateException when {@code plan.json} exists but cannot be read
     */
    public static Optional<GradingRun> read(Path reportDir) {
        Path planFile = reportDir.resolve(ReportFiles.PLAN);
        if (!Files.isRegularFile(planFile)) {
            return Optional.empty();
        }
        GradingPlan plan;
        try {
            plan = ReportFiles.mapper().readValue(planFile.toFile(), GradingPlan.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + planFile + " (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); delete that folder and run mvn test again", e);
        }
        return Optional.of(combine(plan, readProgress(reportDir.resolve(ReportFiles.PROGRESS))));
    }

    /**
     * @param file {@code progress.jsonl}; missing means nothing ran
     * @return its events in order, without lines that cannot be parsed
     */
    public static List<ProgressEvent> readProgress(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<ProgressEvent> events = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(ReportFiles.mapper().readValue(line, ProgressEvent.class));
            } catch (JsonProcessingException e) {
                // a line cut off by a dying JVM: what it would have said is unknown
            }
        }
        return events;
    }

    /**
     * @param plan   the plan
     * @param events the progress events
     * @return one outcome per planned test, in plan order, and the answers the tests published
     */
    public static GradingRun combine(GradingPlan plan, List<ProgressEvent> events) {
        Set<String> started = new HashSet<>();
        Map<String, ProgressEvent> finished = new HashMap<>();
        Map<String, Map<String, ProgressEvent>> answers = new HashMap<>();
        String endTime = null;
        for (ProgressEvent event : events) {
            if (ProgressEvent.STARTED.equals(event.event())) {
                started.add(event.uniqueId());
            } else if (ProgressEvent.FINISHED.equals(event.event()) && event.status() != null) {
                finished.putIfAbsent(event.uniqueId(), event);
            } else if (ProgressEvent.ANSWER.equals(event.event()) && event.uniqueId() != null) {
                answers.computeIfAbsent(event.uniqueId(), id -> new LinkedHashMap<>())
                        .put(event.question() == null ? "" : event.question(), event);
            } else if (ProgressEvent.RUN_FINISHED.equals(event.event())) {
                endTime = event.time();
            }
        }
        boolean completed = endTime != null;
        List<TestOutcome> outcomes = new ArrayList<>();
        long totalMs = 0;
        for (PlannedTest test : plan.tests()) {
            ProgressEvent end = finished.get(test.uniqueId());
            if (end != null) {
                long ms = end.durationMs() == null ? 0 : end.durationMs();
                totalMs += ms;
                outcomes.add(new TestOutcome(test, end.status(), end.message(), ms));
            } else if (completed) {
                outcomes.add(new TestOutcome(test, TestStatus.NOT_RUN, NO_RESULT_MESSAGE, 0));
            } else if (started.contains(test.uniqueId())) {
                outcomes.add(new TestOutcome(test, TestStatus.CRASHED, CRASHED_MESSAGE, 0));
            } else {
                outcomes.add(new TestOutcome(test, TestStatus.NOT_RUN, NOT_RUN_MESSAGE, 0));
            }
        }
        long seconds = Math.round(totalMs / 1000.0);
        if (completed) {
            seconds = secondsBetween(plan.startedAt(), endTime).orElse(seconds);
        }
        List<FreeAnswer> freeAnswers = new ArrayList<>();
        for (PlannedTest test : plan.tests()) {
            for (ProgressEvent answer : answers.getOrDefault(test.uniqueId(), Map.of()).values()) {
                freeAnswers.add(new FreeAnswer(test, answer.question(), answer.answer()));
            }
        }
        return new GradingRun(plan, outcomes, completed, seconds, freeAnswers);
    }

    private static Optional<Long> secondsBetween(String start, String end) {
        try {
            Duration duration = Duration.between(Instant.parse(start), Instant.parse(end));
            return Optional.of(Math.max(0, Math.round(duration.toMillis() / 1000.0)));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
