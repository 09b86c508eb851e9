package org.paramlab.grader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.paramlab.grader.OutcomeClassifier.Verdict;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.channel.RunSpec;
import org.paramlab.grader.figures.Figures;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Records a grading run as it happens, for the supervisor to score afterwards.
 *
 * <p>Long on purpose: JUnit's callbacks below all read and update one tree of graded tests and one
 * recording switch, and how a test's outcome is classified (its own, its container's, its first failing
 * invocation's) depends on where in that tree the callback comes from, so splitting the callbacks from the
 * classification would only pass that state back and forth. What does not need it lives apart: finding the
 * graded tests ({@link GradedTestPlan}) and this JVM's share of the chart limits ({@link ChartAllowance}).
 *
 * <p>It hands everything to a {@link Recorder}: in the test JVM the channel to the supervisor
 * ({@code org.paramlab.grader.sandbox}), in the grader's own tests a pair of files. It acts only when the run contains {@link Graded} tests (or a selection is
 * given, so that an unknown id still reaches the report). Then:
 * <ul>
 *   <li>when the run starts it records the {@link GradingPlan} (seed, student, start time, selection,
 *       errors, every graded test);</li>
 *   <li>it records an event when a graded test starts and when it ends (status and message from
 *       {@link OutcomeClassifier}), and when a test class starts and ends, so that the supervisor knows
 *       where a test JVM that stopped answering was;</li>
 *   <li>a graded test that JUnit never started because its class was disabled or its class setup
 *       failed gets the container's outcome; a test template or factory gets its first failing
 *       invocation's outcome;</li>
 *   <li>a graded test may publish a free-text answer for the instructor, which is shown in the
 *       reports and not graded: {@code reporter.publishEntry(Map.of(QUESTION_KEY, question,
 *       ANSWER_KEY, answer))} through JUnit's {@code TestReporter} ({@value #QUESTION_KEY} and
 *       {@value #ANSWER_KEY}; leave the answer out when there is none, since JUnit refuses blank
 *       values). It is recorded as an "answer" event, capped at {@value #MAX_ANSWER} characters;</li>
 *   <li>a graded test may publish a file for the report folder: {@code reporter.publishEntry(
 *       ARTIFACT_PREFIX + "training-record.json", json)}; it is recorded as an "artifact" event;</li>
 *   <li>a graded test may publish a chart's numbers for {@code report.html} ({@link Figures#publish}); it
 *       is recorded as a "figure" event, and so is the heatmap of the tensor comparison a test failed on
 *       (the first {@value #MAX_HEATMAPS} of a run). The run's chart limits count across its test JVMs:
 *       this JVM publishes no more new charts and heatmaps than the supervisor said are left, and drops
 *       the rest with a note on standard error, so the supervisor never sees more than it accepts.</li>
 *   <li>a file published for the report folder longer than {@link ChannelLimits#MAX_ARTIFACT} characters
 *       is replaced by a short JSON note saying so.</li>
 * </ul>
 * A test skipped with {@link #RERUN_REASON} is not recorded at all: the supervisor runs it again in a
 * fresh test JVM. The listener's own failures never break the test run: it reports them on standard
 * error and stops recording.
 */
public final class GradingListener implements TestExecutionListener {

    /** The report-entry key of a free-text answer a graded test publishes (shown, not graded). */
    public static final String ANSWER_KEY = "paramlab.answer";
    /** The report-entry key of the question a free-text answer responds to. */
    public static final String QUESTION_KEY = "paramlab.question";
    /** The prefix of a report-entry key that publishes a file for the report folder; the file's name follows. */
    public static final String ARTIFACT_PREFIX = "paramlab.artifact.";
    /** The most mismatch heatmaps (expected against actual values of a failed comparison) a run sends. */
    public static final int MAX_HEATMAPS = ChannelLimits.MAX_HEATMAPS;

    /** The reason of a test skipped because the test JVM must be replaced first; it is not recorded. */
    public static final String RERUN_REASON = "paramlab: runs again in a fresh test JVM";
    /** The longest free-text answer kept; longer ones are cut with a visible mark. */
    public static final int MAX_ANSWER = 10_000;

    /** Where a run's plan and events go. */
    public interface Recorder {

        /** @param plan what the run is about to grade; recorded first */
        void plan(GradingPlan plan);

        /** @param event one test's progress, recorded as it happens */
        void event(ProgressEvent event);

        /** The run is over; nothing more is recorded. */
        void close();
    }

    /**
     * What to record.
     *
     * @param student   the graded implementation, for example {@code paramlab-exercises}
     * @param selection the exercises the run grades
     * @param seed      supplies the run's seed; may throw {@link IllegalArgumentException} for an invalid one
     * @param errors    problems with the run's settings, recorded in the plan
     */
    public record Settings(String student, ExerciseSelection selection, Supplier<Long> seed, List<String> errors) {

        /** Copies the list. */
        public Settings {
            errors = List.copyOf(errors);
        }

        /**
         * @param student the graded implementation
         * @return the settings of this JVM's run ({@link RunSettings#current()})
         */
        public static Settings of(String student) {
            RunSettings run = RunSettings.current();
            return new Settings(student, run.selection(), run::requireSeed, run.errors());
        }
    }

    private static final class Item {
        final TestIdentifier identifier;
        final PlannedTest planned;
        long startNanos;
        boolean done;
        Verdict firstChildProblem;
        Verdict firstChildAbort;

        Item(TestIdentifier identifier, PlannedTest planned) {
            this.identifier = identifier;
            this.planned = planned;
        }
    }

    private final Settings settings;
    private final Recorder recorder;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final ChartAllowance charts;
    private TestPlan testPlan;
    private boolean recording;

    /**
     * A listener that may publish the run's whole chart allowance (a run of a single JVM).
     *
     * @param settings what to record
     * @param recorder where to record it
     */
    public GradingListener(Settings settings, Recorder recorder) {
        this(settings, recorder, ChannelLimits.MAX_FIGURES, ChannelLimits.MAX_HEATMAPS);
    }

    /**
     * @param settings     what to record
     * @param recorder     where to record it
     * @param figuresLeft  how many new charts the run still allows ({@link RunSpec#figuresLeft()})
     * @param heatmapsLeft how many mismatch heatmaps the run still allows ({@link RunSpec#heatmapsLeft()})
     */
    public GradingListener(Settings settings, Recorder recorder, int figuresLeft, int heatmapsLeft) {
        this.settings = settings;
        this.recorder = recorder;
        this.charts = new ChartAllowance(figuresLeft, heatmapsLeft);
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        try {
            start(plan);
        } catch (RuntimeException e) {
            stopRecording("cannot start the grading report", e);
        }
    }

    private void start(TestPlan plan) {
        items.clear();
        GradingPlan gradingPlan = plan(plan, settings);
        if (gradingPlan.tests().isEmpty() && settings.selection().isAll()) {
            items.clear();
            return;
        }
        for (PlannedTest test : gradingPlan.tests()) {
            items.put(test.uniqueId(), new Item(plan.getTestIdentifier(test.uniqueId()), test));
        }
        recorder.plan(gradingPlan);
        recording = true;
        testPlan = plan;
    }

    /**
     * @param plan     a discovered JUnit test plan
     * @param settings the run's settings
     * @return the graded tests in it, in execution order, with the run's seed, selection and errors
     */
    public static GradingPlan plan(TestPlan plan, Settings settings) {
        return GradedTestPlan.of(plan, settings);
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        if (!recording) {
            return;
        }
        Item item = items.get(identifier.getUniqueId());
        if (item != null) {
            item.startNanos = System.nanoTime();
            Figures.forgetMismatch();
            append(ProgressEvent.started(identifier.getUniqueId()));
        } else if (isClass(identifier) && hasPendingBelow(identifier)) {
            append(ProgressEvent.classStarted(identifier.getUniqueId()));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!recording) {
            return;
        }
        Item item = items.get(identifier.getUniqueId());
        if (item != null) {
            finish(item, merge(OutcomeClassifier.classify(result), item));
            return;
        }
        Item owner = gradedAncestor(identifier);
        if (owner != null) {
            recordInvocation(owner, identifier, result);
            return;
        }
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            Verdict verdict = containerVerdict(identifier, OutcomeClassifier.classify(result));
            for (Item pending : pendingBelow(identifier)) {
                finish(pending, verdict);
            }
        }
        if (isClass(identifier) && containsGraded(identifier)) {
            append(ProgressEvent.classFinished(identifier.getUniqueId()));
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (!recording || RERUN_REASON.equals(reason)) {
            return;
        }
        Verdict verdict = new Verdict(TestStatus.SKIPPED, "disabled: " + reason);
        Item item = items.get(identifier.getUniqueId());
        if (item != null) {
            finish(item, verdict);
            return;
        }
        if (gradedAncestor(identifier) == null) {
            for (Item pending : pendingBelow(identifier)) {
                finish(pending, verdict);
            }
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        if (!recording) {
            return;
        }
        Map<String, String> values = entry.getKeyValuePairs();
        Item item = items.get(identifier.getUniqueId());
        if (item == null) {
            item = gradedAncestor(identifier);
        }
        if (item == null) {
            return;
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getKey().startsWith(Figures.PREFIX)) {
                String name = value.getKey().substring(Figures.PREFIX.length());
                figure(item, name, value.getValue(), ChannelLimits.HEATMAP_NAME.equals(name));
            }
            if (value.getKey().startsWith(ARTIFACT_PREFIX)) {
                String name = value.getKey().substring(ARTIFACT_PREFIX.length());
                append(ProgressEvent.artifact(item.planned.uniqueId(), name, capArtifact(name, value.getValue())));
            }
        }
        if (values.containsKey(ANSWER_KEY) || values.containsKey(QUESTION_KEY)) {
            append(ProgressEvent.answer(item.planned.uniqueId(), values.get(QUESTION_KEY),
                    capAnswer(values.get(ANSWER_KEY))));
        }
    }

    /**
     * Sends a chart unless it is a new one beyond what the run allows (the supervisor would call it
     * tampering); a chart published again under the same name replaces the earlier one and costs nothing.
     */
    private void figure(Item item, String name, String json, boolean heatmap) {
        if (!charts.admit(item.planned.uniqueId() + " " + name, heatmap)) {
            return;
        }
        append(ProgressEvent.figure(item.planned.uniqueId(), name, json));
    }

    /** @return whether the supervisor accepts the chart ({@link Figure#parse}): one it would not is not sent */
    private static boolean drawable(String json) {
        try {
            Figure.parse(json);
            return true;
        } catch (IllegalArgumentException e) {
            System.err.println("[paramlab] a heatmap is left out: " + e.getMessage());
            return false;
        }
    }

    /**
     * @param name    the file's name
     * @param content what a graded test published for the report folder, or {@code null}
     * @return it, or a short JSON note in its place when it is longer than {@link ChannelLimits#MAX_ARTIFACT}
     */
    public static String capArtifact(String name, String content) {
        if (content == null || content.length() <= ChannelLimits.MAX_ARTIFACT) {
            return content;
        }
        return artifactNote(name, content.length());
    }

    /**
     * @param name   a file's name
     * @param length its length in characters
     * @return a short JSON document that says the file was too long to publish
     */
    public static String artifactNote(String name, int length) {
        return ReportFiles.mapper().createObjectNode().put("note", name + " had " + length
                + " characters, more than the " + ChannelLimits.MAX_ARTIFACT + " the grader publishes: it is left out")
                .toString();
    }

    /**
     * @param answer a free-text answer, or {@code null}
     * @return it, cut to {@value #MAX_ANSWER} characters with a visible mark when longer
     */
    public static String capAnswer(String answer) {
        if (answer == null || answer.length() <= MAX_ANSWER) {
            return answer;
        }
        return answer.substring(0, MAX_ANSWER) + "\n[truncated: " + (answer.length() - MAX_ANSWER)
                + " more characters]";
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (!recording) {
            return;
        }
        append(ProgressEvent.runFinished(Instant.now().toString()));
        try {
            recorder.close();
        } catch (RuntimeException e) {
            System.err.println("[paramlab] " + e.getMessage());
        }
        recording = false;
        testPlan = null;
    }

    private void recordInvocation(Item owner, TestIdentifier invocation, TestExecutionResult result) {
        Verdict verdict = OutcomeClassifier.classify(result);
        Verdict named = verdict.message() == null ? verdict
                : new Verdict(verdict.status(), invocation.getDisplayName() + ": " + verdict.message());
        if (verdict.status() == TestStatus.ABORTED) {
            if (owner.firstChildAbort == null) {
                owner.firstChildAbort = named;
            }
        } else if (verdict.status() != TestStatus.PASSED && owner.firstChildProblem == null) {
            owner.firstChildProblem = named;
        }
    }

    private static Verdict merge(Verdict own, Item item) {
        if (own.status() != TestStatus.PASSED) {
            return own;
        }
        if (item.firstChildProblem != null) {
            return item.firstChildProblem;
        }
        return item.firstChildAbort != null ? item.firstChildAbort : own;
    }

    private static Verdict containerVerdict(TestIdentifier container, Verdict verdict) {
        if (verdict.status() == TestStatus.NOT_ATTEMPTED || verdict.message() == null) {
            return verdict;
        }
        String where = container.getDisplayName();
        return new Verdict(verdict.status(), "in the setup of " + where + ": "
                + verdict.message());
    }

    private Item gradedAncestor(TestIdentifier identifier) {
        if (testPlan == null) {
            return null;
        }
        Optional<TestIdentifier> parent = safeParent(identifier);
        while (parent.isPresent()) {
            Item item = items.get(parent.get().getUniqueId());
            if (item != null) {
                return item;
            }
            parent = safeParent(parent.get());
        }
        return null;
    }

    private Optional<TestIdentifier> safeParent(TestIdentifier identifier) {
        try {
            return testPlan.getParent(identifier);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isClass(TestIdentifier identifier) {
        return identifier.isContainer() && identifier.getSource().orElse(null) instanceof ClassSource;
    }

    private boolean hasPendingBelow(TestIdentifier container) {
        return !pendingBelow(container).isEmpty();
    }

    private boolean containsGraded(TestIdentifier container) {
        for (Item item : items.values()) {
            if (item.identifier.getUniqueIdObject().hasPrefix(container.getUniqueIdObject())) {
                return true;
            }
        }
        return false;
    }

    private List<Item> pendingBelow(TestIdentifier container) {
        List<Item> pending = new ArrayList<>();
        for (Item item : items.values()) {
            if (!item.done && item.identifier.getUniqueIdObject().hasPrefix(container.getUniqueIdObject())) {
                pending.add(item);
            }
        }
        return pending;
    }

    private void finish(Item item, Verdict verdict) {
        if (item.done) {
            return;
        }
        item.done = true;
        long durationMs = item.startNanos == 0 ? 0 : (System.nanoTime() - item.startNanos) / 1_000_000;
        if (!verdict.status().earnsPoints()) {
            Figure heatmap = Figures.takeMismatch(verdict.message());
            String json = heatmap == null ? null : heatmap.toJson();
            if (json != null && drawable(json)) {
                figure(item, ChannelLimits.HEATMAP_NAME, json, true);
            }
        }
        append(ProgressEvent.finished(item.planned.uniqueId(), verdict.status(), verdict.message(), durationMs));
    }

    private void append(ProgressEvent event) {
        try {
            recorder.event(event);
        } catch (RuntimeException e) {
            stopRecording("cannot record the grading progress", e);
        }
    }

    private void stopRecording(String what, RuntimeException e) {
        System.err.println("[paramlab] " + what + ": " + e);
        if (recording) {
            try {
                recorder.close();
            } catch (RuntimeException ignored) {
                // already reporting a failure
            }
        }
        recording = false;
    }
}
