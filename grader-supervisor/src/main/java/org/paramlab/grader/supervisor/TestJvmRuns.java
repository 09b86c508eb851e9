package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.channel.RunSpec;
import org.paramlab.grader.reference.ProviderDecision;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Runs the graded tests in as many test JVMs as it takes, and reads what each sends over the channel into the
 * {@link RunLedger}: a test JVM that is silent too long, dies, or asks to be replaced is followed by a fresh one
 * for the tests still pending, until they are all done, the run's time is up, or {@link Supervisor#MAX_TEST_JVMS}
 * were started.
 */
final class TestJvmRuns {

    private final GradingRequest request;
    private final RunClock clock;
    private final TestJvmLauncher launcher;
    private final RunLedger ledger;
    private final List<String> notes;
    private final RunScoring scoring;
    /** Called once, when the first graded test starts: from then on the tests leave a core free. */
    private final Runnable onFirstTest;
    private final Map<Integer, RunLedger.Segment> segments = new LinkedHashMap<>();
    private final Set<String> unreadable = new TreeSet<>();
    private CappedOutput output;
    private boolean blocked;
    private String stoppedWhy;
    /** Set when the budget ends: why the tests still pending are not run. */
    private String budgetReached;
    /** The run's provider, decided once before any test JVM starts; {@code null} until then. */
    private ProviderDecision provider;

    TestJvmRuns(GradingRequest request, RunClock clock, TestJvmLauncher launcher, RunLedger ledger,
                List<String> notes, RunScoring scoring, Runnable onFirstTest) {
        this.request = request;
        this.clock = clock;
        this.launcher = launcher;
        this.ledger = ledger;
        this.notes = notes;
        this.scoring = scoring;
        this.onFirstTest = onFirstTest;
    }

    /** @param value where the test JVMs' output goes */
    void output(CappedOutput value) {
        this.output = value;
    }

    CappedOutput output() {
        return output;
    }

    /** @param value the run's provider */
    void provider(ProviderDecision value) {
        this.provider = value;
    }

    /** @return the run's provider, {@code null} when none was decided (nothing to run) */
    ProviderDecision provider() {
        return provider;
    }

    /** @return each test JVM's part of the run, by number */
    Collection<RunLedger.Segment> segments() {
        return segments.values();
    }

    /** @return whether a broken rule stopped the tests before any ran */
    boolean blocked() {
        return blocked;
    }

    /** @return why the last test JVM stopped early, or {@code null} */
    String stoppedWhy() {
        return stoppedWhy;
    }

    /** @return why the pending tests were not run once the budget ended, or {@code null} while it lasts */
    String budgetReached() {
        return budgetReached;
    }

    /** The grader's own failure: the report is still written, and says so. */
    void graderFailed(RuntimeException e) {
        stoppedWhy = "the grader itself failed: " + e;
        ledger.closePending(TestStatus.NOT_RUN, "not run: " + stoppedWhy);
    }

    /** Runs the test JVMs one after another until no test is pending or there is no point in another. */
    void runAll() {
        for (int number = 1; ; number++) {
            List<String> pending = ledger.plan() == null ? null : ledger.pending();
            if (pending != null && pending.isEmpty()) {
                return;
            }
            if (number > Supervisor.MAX_TEST_JVMS) {
                ledger.closePending(TestStatus.NOT_RUN, "not run: the grader had to replace the test JVM "
                        + Supervisor.MAX_TEST_JVMS + " times (crashes or endless loops) and gave up");
                return;
            }
            if (budgetGone()) {
                return;
            }
            RunLedger.Segment segment = new RunLedger.Segment(number);
            segments.put(number, segment);
            boolean again = runTestJvm(segment, pending);
            if (!again) {
                return;
            }
            if (segment.outcomes == 0) {
                ledger.closePending(TestStatus.NOT_RUN, "not run: " + (stoppedWhy == null
                        ? "the test JVM stopped before this test ran" : stoppedWhy));
                return;
            }
        }
    }

    /** @return whether another test JVM should grade the tests still pending */
    private boolean runTestJvm(RunLedger.Segment segment, List<String> uniqueIds) {
        stoppedWhy = null;
        Path junit = launcher.junitDir(segment.number);
        Supervisor.Spare ahead = launcher.takeSpare(segment.number);
        try (SandboxServer server = ahead != null ? ahead.server : SandboxServer.open()) {
            launcher.prepareJUnitDir(junit);
            Trace.mark("test JVM " + segment.number + ": starting");
            SandboxProcess process = launcher.testJvm(segment.number, ahead, server, output);
            try {
                return converse(server, process, segment, uniqueIds, junit);
            } finally {
                int status = process.finish(Duration.ofSeconds(5));
                segment.exitStatus = status;
                if (stoppedWhy == null && !segment.ended) {
                    stoppedWhy = "the test JVM ended with status " + status + " before reporting this test (see "
                            + ReportFiles.OUTPUT + ")";
                }
            }
        } catch (IOException e) {
            stoppedWhy = "the test JVM could not be started: " + e.getMessage();
            return false;
        }
    }

    private boolean converse(SandboxServer server, SandboxProcess process, RunLedger.Segment segment,
                             List<String> uniqueIds, Path junit) throws IOException {
        if (!server.accept(clock.shorter(Supervisor.STARTUP), process::isAlive)) {
            segment.how = "did not connect";
            process.kill();
            if (budgetGone()) {
                return false;
            }
            stoppedWhy = "the test JVM did not connect to the grader (see " + ReportFiles.OUTPUT + ")";
            return ledger.plan() != null;
        }
        Trace.mark("test JVM " + segment.number + ": connected");
        server.send(ChannelMessage.spec(spec(uniqueIds, junit)));
        Trace.mark("test JVM " + segment.number + ": spec sent");
        for (String name : referenceNames()) {
            server.sendBytes(Files.readAllBytes(request.references().resolve(name)));
        }
        Trace.mark("test JVM " + segment.number + ": references sent");
        Optional<SandboxServer.Incoming> first = server.next(clock.shorter(Supervisor.STARTUP));
        if (first.isEmpty() || first.get().message() == null
                || !ChannelMessage.PLAN.equals(first.get().message().type()) || first.get().message().plan() == null) {
            segment.how = "did not list its tests";
            brokenOrSilent(first, process, "did not list its tests in time");
            return !budgetGone() && ledger.plan() != null;
        }
        Trace.mark("test JVM " + segment.number + ": plan received (JUnit discovery done)");
        ledger.plan(segment, first.get().message().plan());
        if (segment.number == 1) {
            ledger.missing(scoring.index().missingFrom(first.get().message().plan(), request.settings().selection()));
        }
        if (segment.number == 1 && !scoring.verdict().violations().isEmpty()) {
            server.send(ChannelMessage.command(false));
            blocked = true;
            segment.how = "ran nothing: a rule is broken";
            return false;
        }
        server.send(ChannelMessage.command(true));
        return receiveEvents(server, process, segment);
    }

    private boolean receiveEvents(SandboxServer server, SandboxProcess process, RunLedger.Segment segment) {
        Duration silence = request.testTimeout().plus(Supervisor.MARGIN);
        boolean first = true;
        while (true) {
            Duration wait = clock.remaining().compareTo(silence) < 0 ? clock.remaining() : silence;
            Optional<SandboxServer.Incoming> next = server.next(wait.isNegative() ? Duration.ZERO : wait);
            if (next.isEmpty()) {
                process.kill();
                if (budgetGone()) {
                    return false;
                }
                ledger.stalled(segment, silence.toSeconds());
                segment.how = "stopped answering, killed";
                stoppedWhy = "the test JVM stopped answering";
                return true;
            }
            SandboxServer.Incoming incoming = next.get();
            if (incoming.closed()) {
                if (incoming.problem() != null) {
                    ledger.tampered("test JVM " + segment.number + " sent " + incoming.problem());
                    process.kill();
                    return false;
                }
                ledger.crashed(segment, "it ended without reporting the end of the run");
                segment.how = "died";
                stoppedWhy = "the test JVM stopped before this test ran";
                return true;
            }
            ChannelMessage message = incoming.message();
            if (ChannelMessage.EVENT.equals(message.type()) && message.event() != null) {
                if (first) {
                    Trace.mark("test JVM " + segment.number + ": first test started");
                    first = false;
                    onFirstTest.run();
                }
                ledger.event(segment, message.event());
            } else if (ChannelMessage.END.equals(message.type())) {
                Trace.mark("test JVM " + segment.number + ": end of its run");
                segment.ended = true;
                segment.restart = Boolean.TRUE.equals(message.restart());
                segment.how = segment.restart ? "asked to be replaced (a runaway thread)" : "ended normally";
                if (message.unreadable() != null) {
                    unreadable.addAll(message.unreadable());
                }
                return segment.restart;
            } else {
                ledger.tampered("test JVM " + segment.number + " sent an unexpected '" + message.type() + "' message");
                process.kill();
                return false;
            }
        }
    }

    private void brokenOrSilent(Optional<SandboxServer.Incoming> first, SandboxProcess process, String what) {
        process.kill();
        if (first.isPresent() && first.get().problem() != null) {
            ledger.tampered("the test JVM sent " + first.get().problem());
        }
        stoppedWhy = "the test JVM " + what + " (see " + ReportFiles.OUTPUT + ")";
    }

    /** @return whether the whole run's time is up; if so, the pending tests are closed as not run */
    private boolean budgetGone() {
        if (clock.remaining().isNegative() || clock.remaining().isZero()) {
            segments.values().stream().reduce((a, b) -> b).ifPresent(last -> {
                if (!last.ended) {
                    last.how = "stopped at the run's time limit";
                }
            });
            budgetSpent();
            return true;
        }
        return false;
    }

    private void budgetSpent() {
        long seconds = clock.elapsed().toSeconds();
        Duration reserve = clock.reportsReserve();
        budgetReached = "not run: grading stopped after " + seconds + " s, the whole run's time limit ("
                + request.budget().toSeconds() + " s), before this test could run";
        ledger.closePending(TestStatus.NOT_RUN, "not run: grading stopped after " + seconds + " s, the whole run's"
                + " time limit (" + request.budget().toSeconds() + " s" + (reserve.isZero() ? ""
                : ", " + reserve.toSeconds() + " s of it kept for the reports") + "): endless loops in several tests?");
        notes.add("grading stopped after " + seconds + " s, the whole run's time limit");
    }

    private RunSpec spec(List<String> uniqueIds, Path junit) {
        var settings = request.settings();
        return new RunSpec(request.student(), settings.requireSeed(), provider.provider().id(),
                settings.selection().spec().orElse(null), uniqueIds, request.testClasses().toString(), junit.toString(),
                (int) request.testTimeout().toSeconds(), referenceNames(), List.copyOf(unreadable), settings.tree(),
                ledger.figuresLeft(), ledger.heatmapsLeft(), AssignmentGrading.runsInstructorChecks(request));
    }

    private List<String> referenceNames() {
        try (Stream<Path> files = Files.list(request.references())) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".onnx") || n.equals("manifest.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the reference files in " + request.references(), e);
        }
    }
}
