package org.paramlab.grading.invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grading.support.Hints;

/**
 * A property-based check for promises that hold on every network ("each parameter once", "every path
 * of a shared parameter in the state dict", "a refused load changes nothing"): the property runs on
 * {@value #TRIES} networks drawn by {@link TreeSpec#generate}, small ones first, and a network on which it
 * fails is shrunk, one step at a time ({@link TreeSpec#shrinkCandidates()}), to the smallest one that still
 * fails the same way, which the feedback then shows in one line. Only relations are checked (this
 * object is listed once, that key names this parameter): every expected <em>value</em> of the grader
 * still comes from PyTorch.
 *
 * <p>It runs inside an ordinary graded test, so everything that protects graded tests (the 10 s timeout,
 * {@code Containment}, {@code Rerun}) holds for it too. The networks are drawn from the run's seed
 * ({@link GradingSeed}) mixed with the property's name, so the same seed draws the same networks, with
 * {@code -Dexercise} or without, and the feedback's command reruns exactly the failing case. Nothing is
 * written anywhere and nothing is printed.
 *
 * <p>A stub's {@link NotImplementedException} passes through unchanged (the test is "not attempted"), as do
 * errors ({@link StackOverflowError}, {@link OutOfMemoryError}), without shrinking. Any other exception the
 * student's code throws is a failure like a broken relation: it is shrunk too, and its feedback names the
 * call, the relation, the concept and the exercise.
 *
 * <p>Why not jqwik: since 1.10 its engine prints a line to standard output on every run, which no setting turns
 * off (it would land in every student's output file), and its authors ask that AI coding agents not use it.
 * What the grader needs (seeded generation of one kind of input, greedy shrinking, one message) is small.
 */
public final class Invariant {

    /** Networks tried per property. */
    public static final int TRIES = 200;

    /**
     * After this long, or this many evaluations, shrinking stops with the smallest failing network so far. Only the
     * feedback depends on it, never the verdict: every one of the {@value #TRIES} networks is always tried (a
     * submission too slow for that fails on JUnit's time limit), so the grade cannot depend on the machine's speed.
     */
    static final long SHRINK_BUDGET_NANOS = 3_000_000_000L;
    static final int MAX_SHRINK_EVALUATIONS = 2000;

    /** How the notation of the network line reads, for the feedback. */
    public static final String NOTATION = "Node#k is the k-th distinct module (net itself is Node#0), its own parameters "
            + "in braces and its children in parentheses, each as name: ...; a later #k is that same module object "
            + "registered again. pK[2,3] is the K-th distinct parameter, of shape [2, 3]; a later pK is that same "
            + "parameter object registered again";

    private Invariant() {
    }

    /**
     * What a property promises, for its feedback.
     *
     * @param id       a stable name, mixed into the seed (e.g. {@code "namedParametersListEachParameterOnce"})
     * @param title    the promise in a few words, the first line of the feedback
     * @param exercise the exercise whose API the property calls
     * @param relation what must hold, in one sentence: the "expected" line when the student's code throws
     * @param concept  why: the concept the student must get right
     * @param choices  how many values {@link Checks#choice()} takes (0: none), e.g. which key a refused load breaks
     */
    public record Definition(String id, String title, Exercise exercise, String relation, String concept, int choices) {
    }

    /**
     * One input of a property: a network, and a number the property may use to choose.
     *
     * @param spec   the network
     * @param choice a number below {@link Definition#choices()}, or 0
     */
    public record Case(TreeSpec spec, int choice) {

        /** Smaller by the spec first, then by the choice. */
        boolean smallerThan(Case other) {
            int bySpec = spec.measure().compareTo(other.spec.measure());
            return bySpec < 0 || bySpec == 0 && choice < other.choice;
        }

        /**
         * The cases one step smaller: a smaller choice on the same network, and each smaller network with this
         * choice or one of the three smallest (a smaller network may need another choice to fail: a load without
         * a key copies nothing from a network with one parameter, a load with an unexpected key does).
         */
        List<Case> shrinkCandidates(int choices) {
            List<Case> candidates = new ArrayList<>();
            for (int c : new int[] {0, choice / 2, choice - 1}) {
                if (c >= 0 && c < choice && candidates.stream().noneMatch(k -> k.choice == c)) {
                    candidates.add(new Case(spec, c));
                }
            }
            for (TreeSpec smaller : spec.shrinkCandidates()) {
                candidates.add(new Case(smaller, choice));
                for (int c = 0; c < Math.min(3, choices); c++) {
                    if (c != choice) {
                        candidates.add(new Case(smaller, c));
                    }
                }
            }
            return candidates;
        }
    }

    /** A property: checks one network through {@link Checks}. */
    @FunctionalInterface
    public interface Body {
        /** Calls the student's code on {@code checks.net()} and checks what it gave. */
        void check(Checks checks);
    }

    /**
     * A network on which the property failed.
     *
     * @param found     the network first found to fail
     * @param shrunk    the smallest failing network shrinking reached
     * @param tryNumber which try found it, from 1
     * @param steps     how many shrinking steps were taken
     * @param violation how it failed on {@code shrunk}
     * @param message   the feedback
     */
    public record Failure(Case found, Case shrunk, int tryNumber, int steps, Violation violation, String message) {
    }

    /**
     * How a property ended.
     *
     * @param tries   networks tried
     * @param failure the failing network, or {@code null} when the property held on every one
     */
    public record Result(int tries, Failure failure) {
    }

    /**
     * Checks the property on networks drawn from the run's seed.
     *
     * @throws AssertionError with the feedback if it fails on a network
     * @throws NotImplementedException as the student's stub threw it
     */
    public static void forAll(Definition definition, Body body) {
        long seed = GradingSeed.get();
        Failure failure = run(definition, seed, body).failure();
        if (failure != null) {
            throw new AssertionError(failure.message(), failure.violation().getCause());
        }
    }

    /** Checks the property on networks drawn from {@code runSeed}; the grader's own tests call it directly. */
    public static Result run(Definition definition, long runSeed, Body body) {
        Random random = new Random(propertySeed(runSeed, definition.id()));
        int tries = 0;
        while (tries < TRIES) {
            double size = Math.min(1.0, 2.0 * (tries + 1) / TRIES);
            TreeSpec spec = TreeSpec.generate(random, size);
            int choice = definition.choices() > 0 ? random.nextInt(definition.choices()) : 0;
            tries++;
            Case input = new Case(spec, choice);
            Violation violation = evaluate(definition, body, input);
            if (violation != null) {
                return new Result(tries, shrink(definition, body, input, violation, tries, runSeed));
            }
        }
        return new Result(tries, null);
    }

    /** The property's own seed: the run's seed mixed with its id (SplitMix64's finalizer). */
    static long propertySeed(long runSeed, String id) {
        long z = runSeed * 0x9E3779B97F4A7C15L + id.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs the property on one network: {@code null} if it held. */
    static Violation evaluate(Definition definition, Body body, Case input) {
        Checks checks = new Checks(definition, GeneratedNetwork.build(input.spec()), input.choice());
        try {
            body.check(checks);
            return null;
        } catch (Violation v) {
            return v;
        } catch (NotImplementedException e) {
            throw e;
        } catch (RuntimeException e) {
            // thrown by a student's object outside Checks.call (a map it returned, say)
            return Violation.threw(checks.call, definition.relation(), e);
        }
    }

    private static Failure shrink(Definition definition, Body body, Case found, Violation first, int tryNumber,
                                  long runSeed) {
        Case best = found;
        Violation violation = first;
        int steps = 0;
        int evaluations = 0;
        long start = System.nanoTime();
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (Case candidate : best.shrinkCandidates(definition.choices())) {
                if (evaluations >= MAX_SHRINK_EVALUATIONS || System.nanoTime() - start > SHRINK_BUDGET_NANOS) {
                    break;
                }
                if (!candidate.smallerThan(best)) {
                    continue;
                }
                evaluations++;
                Violation v = evaluate(definition, body, candidate);
                if (v != null && v.kind().equals(violation.kind())) {
                    best = candidate;
                    violation = v;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Failure(found, best, tryNumber, steps, violation,
                message(definition, best, violation, tryNumber, steps, runSeed));
    }

    static String message(Definition definition, Case shrunk, Violation violation, int tryNumber, int steps,
                          long runSeed) {
        TreeSpec spec = shrunk.spec();
        String command = GradingSeed.reproduceCommand(runSeed, definition.exercise());
        // the first line is what the console shows: the network, the call and what it gave
        return "net = " + spec.sketch() + "; " + violation.call() + ": " + violation.actual() + "\n"
                + "  property: " + definition.title() + ", false on a generated network (found at try " + tryNumber
                + " of " + TRIES + ", then shrunk in " + steps + (steps == 1 ? " step" : " steps")
                + " to the smallest network that still shows it)\n"
                + "  network: net = " + spec.sketch() + " (" + count(spec.modules().size(), "module") + ", "
                + count(spec.parameterCount(), "parameter") + ", " + count(spec.registrations(), "registration") + ")\n"
                + "  call: " + violation.call() + "\n"
                + "  expected: " + violation.expected() + "\n"
                + "  but got: " + violation.actual() + "\n"
                + "  concept: " + definition.concept() + "\n"
                + "  hint: " + Hints.of(definition.exercise()) + "\n"
                + "  rerun exactly this case: " + command + "\n"
                + "  (the network's notation: " + NOTATION + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The property's access to one network and to the student's code: each call of the student's code goes
     * through {@link #call} (or {@link #thrownBy}), so that an exception it throws is reported with the call,
     * and each relation through {@link #expect}.
     */
    public static final class Checks {

        private final Definition definition;
        private final GeneratedNetwork net;
        private final int choice;
        private String call = "(before the first call)";

        Checks(Definition definition, GeneratedNetwork net, int choice) {
            this.definition = definition;
            this.net = net;
            this.choice = choice;
        }

        /** The network, built by the grader. */
        public GeneratedNetwork net() {
            return net;
        }

        /** This case's choice, below {@link Definition#choices()}. */
        public int choice() {
            return choice;
        }

        /**
         * Calls the student's code; an exception it throws (but a stub's) fails the property with the call.
         *
         * @param what the call, as the feedback shows it, e.g. {@code net.getParameter("0.w")}
         */
        public <T> T call(String what, Supplier<T> code) {
            call = what;
            try {
                return code.get();
            } catch (NotImplementedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw Violation.threw(what, definition.relation(), e);
            }
        }

        /** As {@link #call(String, Supplier)}, for a call that returns nothing. */
        public void run(String what, Runnable code) {
            call(what, () -> {
                code.run();
                return null;
            });
        }

        /**
         * Calls the student's code, which is expected to throw: returns what it threw, or {@code null}.
         * A stub's {@link NotImplementedException} passes through.
         */
        public RuntimeException thrownBy(String what, Runnable code) {
            call = what;
            try {
                code.run();
                return null;
            } catch (NotImplementedException e) {
                throw e;
            } catch (RuntimeException e) {
                return e;
            }
        }

        /** Names the call the next relations are about (for relations checked after a call returned). */
        public void about(String what) {
            call = what;
        }

        /**
         * A relation that must hold.
         *
         * @param ok       whether it holds
         * @param kind     which relation, stable across networks: shrinking keeps a failure of the same kind
         * @param expected what must hold, in words
         * @param actual   what the student's code gave instead, in words (called only when it fails)
         */
        public void expect(boolean ok, String kind, String expected, Supplier<String> actual) {
            if (!ok) {
                throw new Violation(kind, call, expected, actual.get(), null);
            }
        }
    }

    /** A relation that failed on a network, or an exception the student's code threw there. */
    public static final class Violation extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String kind;
        private final String call;
        private final String expected;
        private final String actual;

        Violation(String kind, String call, String expected, String actual, Throwable cause) {
            super(kind, cause, false, false);
            this.kind = kind;
            this.call = call;
            this.expected = expected;
            this.actual = actual;
        }

        static Violation threw(String call, String relation, RuntimeException e) {
            return new Violation("threw " + e.getClass().getName(), call, relation,
                    "it threw " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }

        /** Which relation failed ("threw" and the exception's class for an exception). */
        public String kind() {
            return kind;
        }

        /** The call the relation is about. */
        public String call() {
            return call;
        }

        /** What must hold. */
        public String expected() {
            return expected;
        }

        /** What the student's code gave. */
        public String actual() {
            return actual;
        }
    }
}
