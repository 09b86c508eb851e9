package org.paramlab.grading.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Assumptions;
import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.Guard;
import org.paramlab.grader.protocol.MavenCommand;
import org.paramlab.grader.OutcomeClassifier;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.assertions.TensorMismatch;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.tensor.Tensor;

/**
 * Runs one graded check on every network of a sample and reports what differs from PyTorch: the smallest
 * failing network first (its one-line sketch and number), the call, PyTorch's answer and the student's,
 * the rule, the exercise's hint, how many of the sample failed, and the command that reruns exactly that
 * network. A check that throws on one network does not hide the others: what the student's code threw is
 * read once, safely ({@link OutcomeClassifier}), and reported with the call and the rule it was checking.
 * A stub ({@link NotImplementedException}) or a time-out ends the check as it is, so the test is reported
 * "not attempted" or "timed out" as any other.
 */
public final class CorpusCheck {

    /** What one check does with one network; it reports a difference through its {@link Probe}. */
    @FunctionalInterface
    public interface PerTree {
        /** Checks {@code tree}, throwing {@link Mismatch} through {@code probe} on the first difference. */
        void check(CorpusTree tree, Probe probe) throws Throwable;
    }

    private static final int MAX_SHOWN = 600;
    private static final int MAX_LINES = 8;

    private CorpusCheck() {
    }

    /**
     * @param exercise the exercise the check grades (for the hint and the rerun command)
     * @param what     what is checked, e.g. {@code namedParameters()}
     * @param trees    the sample ({@link Corpus#sample})
     * @param check    the check of one network
     */
    public static void run(Exercise exercise, String what, List<CorpusTree> trees, PerTree check) {
        Integer only = RunSettings.current().tree();
        if (trees.isEmpty()) {
            Assumptions.abort(only == null ? "no network of the corpus fits " + what
                    : "network " + only + " of the corpus has nothing for " + what + " to check (-D"
                            + RunSettings.TREE_PROPERTY + "=" + only + ")");
        }
        List<Failure> failures = new ArrayList<>();
        for (CorpusTree tree : trees) {
            Probe probe = new Probe();
            try {
                check.check(tree, probe);
            } catch (Mismatch m) {
                failures.add(new Failure(tree, m.call, m.pytorch, m.yours, m.rule));
            } catch (Throwable t) {
                failures.add(new Failure(tree, probe.call, probe.expected, threw(t, exercise), probe.rule));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(message(exercise, what, failures, trees.size()));
        }
    }

    /**
     * What the student's code threw, in a line; a stub, a time-out or running out of memory end the check, and so
     * does an exception no student code is on the way of (the grader's own mistake is never the student's).
     */
    private static String threw(Throwable t, Exercise exercise) {
        if (t instanceof NotImplementedException || t instanceof OutOfMemoryError) {
            throw sneaky(t);
        }
        // a student's exception may override getStackTrace(): read it as the grader reads messages, in a Guard
        if (!Guard.call(() -> fromStudentCode(t), Guard.DEFAULT_LIMIT).orElse(true)) {
            throw sneaky(t);
        }
        OutcomeClassifier.Verdict verdict = OutcomeClassifier.classify(t, null);
        if (verdict.status() == TestStatus.NOT_ATTEMPTED || verdict.status() == TestStatus.TIMED_OUT) {
            throw sneaky(t);
        }
        return "your code threw " + verdict.message();
    }

    /**
     * Whether the throwable comes from the student's code or from what it handed over: the first frame outside the
     * JDK is the student's package or the given tensor library (a tensor of the student's making that
     * {@code backward()} refuses), not the grader's own code.
     */
    private static boolean fromStudentCode(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                continue;
            }
            return !name.startsWith("org.paramlab.grading.") && !name.startsWith("org.paramlab.grader.");
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private record Failure(CorpusTree tree, String call, String pytorch, String yours, String rule) {
    }

    private static String message(Exercise exercise, String what, List<Failure> failures, int checked) {
        failures.sort(Comparator.comparingInt((Failure f) -> f.tree.size()).thenComparingInt(f -> f.tree.id()));
        Failure first = failures.get(0);
        long seed = GradingSeed.get();
        StringBuilder text = new StringBuilder();
        text.append(what).append(" on generated networks: ").append(failures.size()).append(" of ").append(checked)
                .append(" differ from PyTorch; the smallest, network ").append(first.tree.id()).append(':');
        text.append("\n  network: ").append(shorten(first.tree.sketch()));
        text.append("\n  call:    ").append(first.call == null ? "(building the network)" : first.call);
        if (first.pytorch != null) {
            text.append("\n  PyTorch: ").append(shorten(first.pytorch));
        }
        text.append("\n  yours:   ").append(shorten(first.yours));
        if (first.rule != null) {
            text.append("\n  rule:    ").append(first.rule);
        }
        text.append("\n  hint:    ").append(exercise.hint());
        text.append("\n  rerun exactly this network: ").append(MavenCommand.MVN).append(" test -Dexercise=")
                .append(exercise.id()).append(" -D").append(GradingSeed.PROPERTY).append('=').append(seed)
                .append(" -D").append(RunSettings.TREE_PROPERTY).append('=').append(first.tree.id());
        if (failures.size() > 1) {
            text.append("\n  also failing: networks ");
            List<String> others = failures.subList(1, failures.size()).stream().map(f -> String.valueOf(f.tree.id())).toList();
            text.append(String.join(", ", others.subList(0, Math.min(10, others.size()))));
            if (others.size() > 10) {
                text.append(", ...");
            }
        }
        return text.toString();
    }

    /** At most {@value #MAX_SHOWN} characters and {@value #MAX_LINES} lines, later lines under the first. */
    private static String shorten(String text) {
        String cut = text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
        String[] lines = cut.replace("\t", "\\t").split("\n", -1);
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < Math.min(lines.length, MAX_LINES); i++) {
            out.append("\n           ").append(lines[i].stripTrailing());
        }
        if (lines.length > MAX_LINES) {
            out.append("\n           ...");
        }
        return out.toString();
    }

    /** A difference from PyTorch on one network. */
    public static final class Mismatch extends AssertionError {

        private static final long serialVersionUID = 1L;

        private final String call;
        private final String pytorch;
        private final String yours;
        private final String rule;

        Mismatch(String call, String pytorch, String yours, String rule) {
            super(call + ": PyTorch " + pytorch + ", yours " + yours);
            this.call = call;
            this.pytorch = pytorch;
            this.yours = yours;
            this.rule = rule;
        }
    }

    /**
     * Checks of one network. {@link #calling} names the student's call that comes next and the rule it
     * must follow, so that an exception it throws is reported with both; each comparison reports PyTorch's
     * answer and the student's.
     */
    public static final class Probe {

        private String call;
        private String rule;
        private String expected;

        /** The student's code about to run, and the rule its result must follow. */
        public Probe calling(String call, String rule) {
            this.call = call;
            this.rule = rule;
            this.expected = null;
            return this;
        }

        /** PyTorch's answer to the call about to run, shown if the student's code throws. */
        public Probe expecting(Object pytorch) {
            this.expected = String.valueOf(pytorch);
            return this;
        }

        /** Fails unless {@code yours} equals {@code pytorch}. */
        public void equal(Object pytorch, Object yours) {
            if (!Objects.equals(pytorch, yours)) {
                throw mismatch(String.valueOf(pytorch), String.valueOf(yours));
            }
        }

        /** Fails unless {@code condition}; {@code pytorch} and {@code yours} describe the two sides. */
        public void check(boolean condition, String pytorch, String yours) {
            if (!condition) {
                throw mismatch(pytorch, yours);
            }
        }

        /** Fails unless {@code actual} holds {@code expected}'s values within {@code tolerance}. */
        public void close(Tensor expected, Tensor actual, Tolerance tolerance) {
            TensorMismatch.compare("your values", expected, actual, tolerance, null).ifPresent(why ->
                    { throw mismatch(expected.toString(), why); });
        }

        /** The difference, with the current call and rule. */
        public Mismatch mismatch(String pytorch, String yours) {
            return new Mismatch(call, pytorch, yours, rule);
        }
    }
}
