package org.paramlab.grader.supervisor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.paramlab.grader.GradingListener;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.report.ReportFigure;
import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * The supervisor's record of a grading run, kept from what the test JVMs sent over the channel and
 * what the supervisor saw happen to them: the plan, one outcome per graded test, the free-text
 * answers, the files the tests published, and any sign of tampering.
 *
 * <p>A run may take several test JVMs ({@link Segment}s): when one stops answering, dies, or asks to
 * be replaced, the next one grades the tests still pending. The first JVM's plan is the run's plan.
 * Anything a test JVM sends that the grader's own code never sends (a test outside its plan, a
 * second result for a test, a status only the supervisor gives) is recorded as tampering. The files and
 * charts the tests published are checked and kept by its {@link RunPublications}.
 */
final class RunLedger {

    /** Statuses a test JVM may report; the others are the supervisor's to give. */
    private static final Set<TestStatus> FROM_TEST_JVM = EnumSet.of(TestStatus.PASSED, TestStatus.FAILED,
            TestStatus.NOT_ATTEMPTED, TestStatus.TIMED_OUT, TestStatus.ABORTED, TestStatus.SKIPPED);

    /** One test JVM's part of the run. */
    static final class Segment {
        final int number;
        final Set<String> planned = new LinkedHashSet<>();
        final Set<String> finished = new HashSet<>();
        String openTest;
        String openClass;
        boolean runFinished;
        boolean ended;
        boolean restart;
        int outcomes;
        /** How the test JVM ended, for the record ({@code "ended normally"}, {@code "stopped answering"}, ...). */
        String how = "did not start";
        Integer exitStatus;

        Segment(int number) {
            this.number = number;
        }
    }

    private record Recorded(TestOutcome outcome, int segment) {
    }

    private GradingPlan plan;
    private final Map<String, PlannedTest> tests = new LinkedHashMap<>();
    private final Map<String, Recorded> outcomes = new HashMap<>();
    private final Map<String, Map<String, ProgressEvent>> answers = new HashMap<>();
    /** The most charts a run draws ({@link ChannelLimits#MAX_FIGURES}), counted across its test JVMs. */
    static final int MAX_FIGURES = ChannelLimits.MAX_FIGURES;
    private final List<String> tampering = new ArrayList<>();
    private final RunPublications published = new RunPublications(this::tampered);

    /** @return the run's plan, {@code null} before the first test JVM sent one */
    GradingPlan plan() {
        return plan;
    }

    /** @return the graded tests that have no outcome yet, in plan order */
    List<String> pending() {
        List<String> pending = new ArrayList<>();
        for (String id : tests.keySet()) {
            if (!outcomes.containsKey(id)) {
                pending.add(id);
            }
        }
        return pending;
    }

    /** @return the outcomes the test JVM of {@code segment} sent itself, by test */
    Map<String, TestStatus> reportedIn(Segment segment) {
        Map<String, TestStatus> reported = new LinkedHashMap<>();
        for (String id : segment.finished) {
            reported.put(id, outcomes.get(id).outcome().status());
        }
        return reported;
    }

    /** @return what looked like tampering, each said once */
    List<String> tampering() {
        return List.copyOf(new LinkedHashSet<>(tampering));
    }

    /** @param finding something the grader's own code would never have sent or done */
    void tampered(String finding) {
        tampering.add(finding);
    }

    /** @return the files the tests published, by name */
    Map<String, String> artifacts() {
        return published.artifacts();
    }

    /**
     * @param segment the test JVM that sent it
     * @param sent    the graded tests it discovered
     */
    void plan(Segment segment, GradingPlan sent) {
        if (plan == null) {
            plan = sent;
            for (PlannedTest test : sent.tests()) {
                tests.putIfAbsent(test.uniqueId(), test);
            }
        } else {
            Set<String> pending = new HashSet<>(pending());
            for (PlannedTest test : sent.tests()) {
                if (!pending.contains(test.uniqueId())) {
                    tampered("test JVM " + segment.number + " listed " + test.uniqueId() + ", which was not pending");
                }
            }
        }
        for (PlannedTest test : sent.tests()) {
            segment.planned.add(test.uniqueId());
        }
    }

    /**
     * Adds graded tests the test JVM did not list (JUnit could not load their class), each failed.
     *
     * @param missing the tests, from {@link GradedTestIndex}
     */
    void missing(List<PlannedTest> missing) {
        for (PlannedTest test : missing) {
            tests.put(test.uniqueId(), test);
            outcomes.put(test.uniqueId(), new Recorded(new TestOutcome(test, TestStatus.FAILED, "this graded test"
                    + " could not be loaded, so it scores 0: a class or method it uses is missing or changed. Did you"
                    + " delete or rename a class, or change a method's signature, of the template?", 0), 0));
        }
    }

    /**
     * Records one event a test JVM sent.
     *
     * @param segment the test JVM
     * @param event   the event
     */
    void event(Segment segment, ProgressEvent event) {
        String id = event.uniqueId();
        switch (event.event() == null ? "" : event.event()) {
            case ProgressEvent.STARTED -> {
                if (ownTest(segment, id, "started")) {
                    segment.openTest = id;
                }
            }
            case ProgressEvent.FINISHED -> finished(segment, event);
            case ProgressEvent.ANSWER -> {
                if (ownTest(segment, id, "answered")) {
                    answers.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(
                            event.question() == null ? "" : event.question(), event);
                }
            }
            case ProgressEvent.ARTIFACT -> {
                if (ownTest(segment, id, "published a file in")) {
                    published.artifact(segment.number, event);
                }
            }
            case ProgressEvent.FIGURE -> {
                if (ownTest(segment, id, "published a chart in")) {
                    published.figure(segment.number, tests.get(id), event);
                }
            }
            case ProgressEvent.CLASS_STARTED -> segment.openClass = id;
            case ProgressEvent.CLASS_FINISHED -> {
                if (id != null && id.equals(segment.openClass)) {
                    segment.openClass = null;
                }
            }
            case ProgressEvent.RUN_FINISHED -> segment.runFinished = true;
            default -> tampered("test JVM " + segment.number + " sent an unknown event '" + event.event() + "'");
        }
    }

    private boolean ownTest(Segment segment, String id, String what) {
        if (id == null || !segment.planned.contains(id)) {
            tampered("test JVM " + segment.number + " " + what + " " + id + ", which is not in its plan");
            return false;
        }
        return true;
    }

    private void finished(Segment segment, ProgressEvent event) {
        String id = event.uniqueId();
        if (!ownTest(segment, id, "finished")) {
            return;
        }
        if (outcomes.containsKey(id)) {
            tampered("test JVM " + segment.number + " sent a second result for " + id);
            return;
        }
        if (event.status() == null || !FROM_TEST_JVM.contains(event.status())) {
            tampered("test JVM " + segment.number + " reported " + id + " as " + event.status()
                    + ", a status only the supervisor gives");
            return;
        }
        long ms = event.durationMs() == null ? 0 : Math.max(0, event.durationMs());
        record(segment, new TestOutcome(tests.get(id), event.status(), event.message(), ms));
        segment.finished.add(id);
        if (id.equals(segment.openTest)) {
            segment.openTest = null;
        }
    }

    /** @return the notices, then a line for each chart limit the run reached (see {@link RunPublications}) */
    List<String> notices(List<String> others) {
        return published.notices(others);
    }

    /** @return how many new charts the run's next test JVM may publish */
    int figuresLeft() {
        return published.figuresLeft();
    }

    /** @return how many new mismatch heatmaps the run's next test JVM may publish */
    int heatmapsLeft() {
        return published.heatmapsLeft();
    }

    /** @return the charts the tests published, in the order they were first published */
    List<ReportFigure> figures() {
        return published.figures();
    }

    private void record(Segment segment, TestOutcome outcome) {
        outcomes.put(outcome.test().uniqueId(), new Recorded(outcome, segment.number));
        segment.outcomes++;
    }

    /**
     * The test JVM stopped answering and was stopped: the test it was running (or, between tests, the
     * tests of the class it was setting up) timed out.
     *
     * @param segment the test JVM
     * @param seconds how long it was silent
     */
    void stalled(Segment segment, long seconds) {
        if (segment.openTest != null && !outcomes.containsKey(segment.openTest)) {
            record(segment, new TestOutcome(tests.get(segment.openTest), TestStatus.TIMED_OUT, "did not finish within "
                    + seconds + " s, and the test JVM stopped answering: an endless loop that ignores interrupts, or in"
                    + " a constructor, a static initializer, or an exception's getMessage()/toString()? The grader"
                    + " stopped that JVM and graded the remaining tests in a fresh one.", seconds * 1000));
            return;
        }
        String where = segment.openClass == null ? null : simpleName(segment.openClass);
        for (String id : pendingIn(segment)) {
            if (segment.openClass != null && id.startsWith(segment.openClass + "/")) {
                record(segment, new TestOutcome(tests.get(id), TestStatus.TIMED_OUT, "the setup of " + where
                        + " did not finish within " + seconds + " s, before this test started: a static initializer"
                        + " or a constructor in your code that never ends? The grader stopped that JVM and graded the"
                        + " remaining tests in a fresh one.", 0));
            }
        }
    }

    /**
     * The test JVM died without saying goodbye: the test it was running (or the tests of the class it
     * was setting up) crashed.
     *
     * @param segment the test JVM
     * @param why     what is known about the death
     */
    void crashed(Segment segment, String why) {
        if (segment.openTest != null && !outcomes.containsKey(segment.openTest)) {
            record(segment, new TestOutcome(tests.get(segment.openTest), TestStatus.CRASHED,
                    "the test JVM stopped during this test (" + why + "): System.exit, a crash or running out of"
                            + " memory? The grader graded the remaining tests in a fresh one.", 0));
            return;
        }
        if (segment.openClass != null) {
            for (String id : pendingIn(segment)) {
                if (id.startsWith(segment.openClass + "/")) {
                    record(segment, new TestOutcome(tests.get(id), TestStatus.CRASHED, "the test JVM stopped while"
                            + " setting up " + simpleName(segment.openClass) + " (" + why + "), before this test"
                            + " started", 0));
                }
            }
        }
    }

    /**
     * Every pending test gets the same outcome: the run is over without them.
     *
     * @param status  {@link TestStatus#NOT_RUN} or {@link TestStatus#BLOCKED}
     * @param message why they did not run
     */
    void closePending(TestStatus status, String message) {
        for (String id : pending()) {
            outcomes.put(id, new Recorded(new TestOutcome(tests.get(id), status, message, 0), 0));
        }
    }

    private List<String> pendingIn(Segment segment) {
        List<String> pending = new ArrayList<>();
        for (String id : segment.planned) {
            if (!outcomes.containsKey(id)) {
                pending.add(id);
            }
        }
        return pending;
    }

    private static String simpleName(String containerId) {
        int start = containerId.lastIndexOf(':');
        String name = containerId.substring(start + 1).replace("]", "");
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * @param gate the outcomes of the rules (group 0), first in the report
     * @return the outcome of every planned test, in plan order after the rules; every test voided
     *         when there was tampering
     */
    List<TestOutcome> outcomes(List<TestOutcome> gate) {
        List<TestOutcome> all = new ArrayList<>(gate);
        for (String id : tests.keySet()) {
            Recorded recorded = outcomes.get(id);
            all.add(recorded == null ? new TestOutcome(tests.get(id), TestStatus.NOT_RUN,
                    "JUnit reported no result for this test", 0) : recorded.outcome());
        }
        if (tampering.isEmpty()) {
            return all;
        }
        String why = "0 points: this run was tampered with (" + tampering.get(0) + ")";
        return all.stream().map(o -> new TestOutcome(o.test(), TestStatus.VOIDED, why, o.durationMs())).toList();
    }

    /** @return the free-text answers, in plan order, the last one per test and question */
    List<FreeAnswer> answers() {
        List<FreeAnswer> result = new ArrayList<>();
        for (PlannedTest test : tests.values()) {
            for (ProgressEvent answer : answers.getOrDefault(test.uniqueId(), Map.of()).values()) {
                result.add(new FreeAnswer(test, answer.question(), GradingListener.capAnswer(answer.answer())));
            }
        }
        return result;
    }
}
