package org.paramlab.grader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.paramlab.grader.OutcomeClassifier.Verdict;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.report.GradingPlan;
import org.paramlab.grader.report.PlannedTest;
import org.paramlab.grader.report.ProgressEvent;
import org.paramlab.grader.report.ProgressLog;
import org.paramlab.grader.report.ReportFiles;
import org.paramlab.grader.report.TestStatus;

/**
 * Records a grading run as it happens, for {@code ReportMain} to score afterwards.
 *
 * <p>Registered through {@code META-INF/services}, so the JUnit Platform adds it to every run, but
 * it acts only when the system property {@value #REPORT_DIR_PROPERTY} names a folder (failsafe
 * sets it for the graded tests) and the run contains {@link Graded} tests (or {@code -Dexercise}
 * is set, so that an unknown id still reaches the report). Then:
 * <ul>
 *   <li>when the run starts it writes {@code plan.json} (seed, student, start time, selection,
 *       errors, every graded test) and empties {@code progress.jsonl};</li>
 *   <li>it appends a line to {@code progress.jsonl} when a graded test starts and when it ends
 *       (status and message from {@link OutcomeClassifier}), each written at once, so a test JVM
 *       that dies part-way still leaves what ran;</li>
 *   <li>a graded test that JUnit never started because its class was disabled or its class setup
 *       failed gets the container's outcome; a test template or factory gets its first failing
 *       invocation's outcome;</li>
 *   <li>a graded test may publish a free-text answer for the instructor, which is shown in the
 *       reports and not graded: {@code reporter.publishEntry(Map.of(QUESTION_KEY, question,
 *       ANSWER_KEY, answer))} through JUnit's {@code TestReporter} ({@value #QUESTION_KEY} and
 *       {@value #ANSWER_KEY}; leave the answer out when there is none, since JUnit refuses blank
 *       values). It is appended to {@code progress.jsonl} as an "answer" line.</li>
 * </ul>
 * Its own failures never break the test run: it reports them on standard error and stops recording.
 */
public final class GradingListener implements TestExecutionListener {

    /** The system property naming the report folder; without it the listener does nothing. */
    public static final String REPORT_DIR_PROPERTY = "paramlab.report.dir";
    /** The system property naming the graded implementation (the student artifact). */
    public static final String STUDENT_PROPERTY = "paramlab.student";
    /** The report-entry key of a free-text answer a graded test publishes (shown, not graded). */
    public static final String ANSWER_KEY = "paramlab.answer";
    /** The report-entry key of the question a free-text answer responds to. */
    public static final String QUESTION_KEY = "paramlab.question";

    /**
     * Where and what to record.
     *
     * @param reportDir the report folder, {@code null} to record nothing
     * @param student   the graded implementation, for example {@code paramlab-exercises}
     * @param selection the exercises the run grades
     * @param seed      supplies the run's seed; may throw {@link IllegalArgumentException} for an invalid one
     */
    public record Settings(Path reportDir, String student, ExerciseSelection selection, Supplier<Long> seed) {

        /** @return the settings of a grading run from the system properties */
        public static Settings fromSystemProperties() {
            String dir = System.getProperty(REPORT_DIR_PROPERTY);
            return new Settings(dir == null || dir.isBlank() ? null : Path.of(dir),
                    System.getProperty(STUDENT_PROPERTY, "unknown"),
                    ExerciseSelection.fromSystemProperties(), GradingSeed::get);
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

    private final Supplier<Settings> settingsSource;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private TestPlan testPlan;
    private ProgressLog log;

    /** The listener the JUnit Platform loads: settings from the system properties. */
    public GradingListener() {
        this(Settings::fromSystemProperties);
    }

    /** @param settings where and what to record */
    public GradingListener(Settings settings) {
        this(() -> settings);
    }

    private GradingListener(Supplier<Settings> settingsSource) {
        this.settingsSource = settingsSource;
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
        Settings settings = settingsSource.get();
        if (settings.reportDir() == null) {
            return;
        }
        List<String> errors = new ArrayList<>();
        List<PlannedTest> planned = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, planned, errors);
        }
        if (planned.isEmpty() && settings.selection().isAll()) {
            items.clear();
            return;
        }
        settings.selection().error().ifPresent(errors::add);
        Long seed = null;
        try {
            seed = settings.seed().get();
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        GradingPlan gradingPlan = new GradingPlan(GradingPlan.FORMAT, seed, settings.student(),
                Instant.now().toString(), settings.selection().spec().orElse(null), errors, planned);
        // The purity gate's ArchUnit check, in the background while the first tests load their references.
        PurityVerdict.prefetch();
        ReportFiles.writeJson(settings.reportDir().resolve(ReportFiles.PLAN), gradingPlan);
        log = ProgressLog.truncate(settings.reportDir().resolve(ReportFiles.PROGRESS));
        testPlan = plan;
    }

    private void collect(TestPlan plan, TestIdentifier identifier, List<PlannedTest> planned, List<String> errors) {
        Optional<Graded> graded = GradedTests.find(identifier.getSource());
        if (graded.isPresent()) {
            MethodSource source = (MethodSource) identifier.getSource().get();
            double points = graded.get().points();
            String problem = GradedExtension.problem(graded.get());
            if (problem != null) {
                errors.add(source.getClassName() + "." + source.getMethodName() + ": " + problem);
                points = 0;
            }
            PlannedTest test = new PlannedTest(identifier.getUniqueId(), source.getClassName(), source.getMethodName(),
                    identifier.getDisplayName(), graded.get().exercise().id(), points);
            planned.add(test);
            items.put(identifier.getUniqueId(), new Item(identifier, test));
            return;
        }
        for (TestIdentifier child : plan.getChildren(identifier)) {
            collect(plan, child, planned, errors);
        }
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        if (log == null) {
            return;
        }
        Item item = items.get(identifier.getUniqueId());
        if (item != null) {
            item.startNanos = System.nanoTime();
            append(ProgressEvent.started(identifier.getUniqueId()));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (log == null) {
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
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (log == null) {
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
        if (log == null) {
            return;
        }
        Map<String, String> values = entry.getKeyValuePairs();
        if (!values.containsKey(ANSWER_KEY) && !values.containsKey(QUESTION_KEY)) {
            return;
        }
        Item item = items.get(identifier.getUniqueId());
        if (item == null) {
            item = gradedAncestor(identifier);
        }
        if (item != null) {
            append(ProgressEvent.answer(item.planned.uniqueId(), values.get(QUESTION_KEY), values.get(ANSWER_KEY)));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (log == null) {
            return;
        }
        append(ProgressEvent.runFinished(Instant.now().toString()));
        try {
            log.close();
        } catch (RuntimeException e) {
            System.err.println("[paramlab] " + e.getMessage());
        }
        log = null;
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
        append(ProgressEvent.finished(item.planned.uniqueId(), verdict.status(), verdict.message(), durationMs));
    }

    private void append(ProgressEvent event) {
        try {
            log.append(event);
        } catch (RuntimeException e) {
            stopRecording("cannot record the grading progress", e);
        }
    }

    private void stopRecording(String what, RuntimeException e) {
        System.err.println("[paramlab] " + what + ": " + e);
        if (log != null) {
            try {
                log.close();
            } catch (RuntimeException ignored) {
                // already reporting a failure
            }
        }
        log = null;
    }
}
