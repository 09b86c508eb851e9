package org.paramlab.grader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.platform.engine.TestExecutionResult;
import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseProgress;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Turns how JUnit says a graded test ended into a {@link TestStatus} and a message for the student.
 *
 * <ul>
 *   <li>success: {@link TestStatus#PASSED}, no message;</li>
 *   <li>a {@link NotImplementedException} anywhere in the cause chain: {@link TestStatus#NOT_ATTEMPTED},
 *       "not attempted: needs exercise 1.2 Linear.forward, which is still a stub";</li>
 *   <li>JUnit's {@link TimeoutException}: {@link TestStatus#TIMED_OUT}, "did not finish within 10 s:
 *       an infinite loop?", plus where the student's code was when it was stopped, if known;</li>
 *   <li>an {@link AssertionError} (a failed assertion, or {@code assertThrows} seeing the wrong
 *       exception): {@link TestStatus#FAILED}, its message, trimmed;</li>
 *   <li>any other throwable: {@link TestStatus#FAILED}, "unexpected " + type + message + one stack
 *       frame (the first in the student's package {@value #STUDENT_PACKAGE}, else the top one) + the hint
 *       of the test's exercise, when known;</li>
 *   <li>a {@link StackOverflowError}: {@link TestStatus#FAILED}, "stack overflow ...: endless recursion?"
 *       and the first stack frame in the student's package;</li>
 *   <li>a failed assumption: {@link TestStatus#ABORTED}, its message.</li>
 * </ul>
 */
public final class OutcomeClassifier {

    /** The student's package: the stack frame named for an unexpected exception is the first one in it. */
    public static final String STUDENT_PACKAGE = "org.paramlab.nn";

    /** Messages longer than this are cut, so one runaway message cannot bloat the report. */
    static final int MAX_MESSAGE = 8000;

    /** The most causes the classifier follows. */
    static final int MAX_CHAIN = 20;

    /** Exception classes whose methods did not return once: not read again. */
    private static final Set<String> UNREADABLE = ConcurrentHashMap.newKeySet();

    private static final Pattern TIMEOUT = Pattern.compile("timed out after (\\d+) (\\w+)");

    /**
     * A status and the message that explains it.
     *
     * @param status  how the test ended
     * @param message feedback, {@code null} for {@link TestStatus#PASSED}
     */
    public record Verdict(TestStatus status, String message) {
    }

    private OutcomeClassifier() {
    }

    /**
     * @param result how JUnit says a test ended
     * @return its status and message
     */
    public static Verdict classify(TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL:
                return new Verdict(TestStatus.PASSED, null);
            case ABORTED:
                return new Verdict(TestStatus.ABORTED, result.getThrowable()
                        .map(t -> messageOrElse(t, "an assumption did not hold"))
                        .orElse("an assumption did not hold"));
            default:
                return result.getThrowable().map(OutcomeClassifier::classify)
                        .orElse(new Verdict(TestStatus.FAILED, "failed (JUnit gave no reason)"));
        }
    }

    /**
     * Classifies what a failed test threw, reading the student's exceptions only in a {@link Guard}ed
     * thread: an exception whose {@code getMessage()}, {@code getCause()} or {@code toString()} does not
     * return within {@link Guard#DEFAULT_LIMIT} fails its test with a message that says so, and later
     * exceptions of the same class are not read again. A {@link GradedFailure} is already classified.
     *
     * @param failure what a failed test threw
     * @return its status and message
     */
    public static Verdict classify(Throwable failure) {
        return classify(failure, null);
    }

    /**
     * As {@link #classify(Throwable)}, for a test of {@code exercise}: an exception the test did not
     * expect (not a failed assertion) also gets the hint where that exercise is taught.
     *
     * @param failure  what a failed test threw
     * @param exercise the exercise the test grades, or {@code null} if unknown
     * @return its status and message
     */
    public static Verdict classify(Throwable failure, Exercise exercise) {
        return classify(failure, exercise, null);
    }

    /**
     * As {@link #classify(Throwable, Exercise)}, for the graded test {@code checking} (its display name): an
     * exception the test did not expect also says what the test was checking when the student's code threw, so
     * that the concept shows even though no assertion was reached.
     *
     * @param failure  what a failed test threw
     * @param exercise the exercise the test grades, or {@code null} if unknown
     * @param checking what the test checks (its display name), or {@code null}
     * @return its status and message
     */
    public static Verdict classify(Throwable failure, Exercise exercise, String checking) {
        if (failure instanceof GradedFailure) {
            return ((GradedFailure) failure).verdict();
        }
        String type = failure.getClass().getName();
        if (UNREADABLE.contains(type)) {
            return unreadable(type);
        }
        return Guard.call(() -> classifyDirectly(failure, exercise, checking), Guard.DEFAULT_LIMIT).orElseGet(() -> {
            UNREADABLE.add(type);
            return unreadable(type);
        });
    }

    /** @return the exception classes whose methods did not return in this JVM, so far */
    public static Set<String> unreadableTypes() {
        return Set.copyOf(UNREADABLE);
    }

    /**
     * @param types exception classes an earlier test JVM of the same run could not read: they are not
     *              read again here (reading them would only leave another thread spinning)
     */
    public static void markUnreadable(Collection<String> types) {
        UNREADABLE.addAll(types);
    }

    private static Verdict unreadable(String type) {
        return new Verdict(TestStatus.FAILED, "your code threw " + type + ", and its getMessage(), getCause()"
                + " or toString() did not return within " + Guard.DEFAULT_LIMIT.toSeconds() + " s (or threw), so the"
                + " grader could not read it. An exception's methods must return at once; this test scores 0.");
    }

    private static Verdict classifyDirectly(Throwable failure, Exercise exercise, String checking) {
        String hint = (checking == null || checking.isBlank() ? "" : "\n  while checking: " + checking)
                + (exercise == null ? "" : "\n  hint: " + exercise.hint());
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof NotImplementedException) {
                return new Verdict(TestStatus.NOT_ATTEMPTED,
                        ExerciseProgress.stubMessage(((NotImplementedException) t).exercise()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof TimeoutException) {
                return new Verdict(TestStatus.TIMED_OUT, timeoutMessage(t));
            }
        }
        if (failure instanceof StackOverflowError) {
            StackTraceElement frame = studentFrame(chain);
            return new Verdict(TestStatus.FAILED, "stack overflow (java.lang.StackOverflowError): endless recursion?"
                    + " A method that calls itself needs a case that stops." + (frame == null ? ""
                    : "\n    at " + frame) + hint);
        }
        if (failure instanceof AssertionError) {
            return new Verdict(TestStatus.FAILED, cap(messageOrElse(failure, "assertion failed (no message)")));
        }
        return new Verdict(TestStatus.FAILED, cap(unexpected(failure)) + hint);
    }

    private static String timeoutMessage(Throwable timeout) {
        String text = timeout.getMessage() == null ? "" : timeout.getMessage();
        Matcher matcher = TIMEOUT.matcher(text);
        String within = matcher.find() ? "within " + matcher.group(1) + " " + unit(matcher.group(2)) : "in time";
        String message = "did not finish " + within + ": an infinite loop?";
        StackTraceElement frame = studentFrame(chain(timeout));
        return frame == null ? message : message + " It was stopped in " + frame + ".";
    }

    /** @return the abbreviation of JUnit's time unit: "seconds" or "second" is "s" */
    private static String unit(String name) {
        String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
        switch (singular) {
            case "nanosecond": return "ns";
            case "microsecond": return "us";
            case "millisecond": return "ms";
            case "second": return "s";
            case "minute": return "min";
            case "hour": return "h";
            case "day": return "d";
            default: return name;
        }
    }

    private static String unexpected(Throwable failure) {
        StringBuilder text = new StringBuilder("unexpected ").append(failure.getClass().getName());
        if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
            text.append(": ").append(failure.getMessage().strip());
        }
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_CHAIN; depth++) {
            root = root.getCause();
        }
        if (root != failure) {
            text.append(" (caused by ").append(root.getClass().getName());
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                text.append(": ").append(root.getMessage().strip());
            }
            text.append(")");
        }
        StackTraceElement frame = studentFrame(chain(failure));
        if (frame == null && failure.getStackTrace().length > 0) {
            frame = failure.getStackTrace()[0];
        }
        if (frame != null) {
            text.append("\n    at ").append(frame);
        }
        return text.toString();
    }

    /** @return the first stack frame in the student's package, looking through the chain in order */
    static StackTraceElement studentFrame(List<Throwable> chain) {
        for (Throwable t : chain) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String className = frame.getClassName();
                if (className.startsWith(STUDENT_PACKAGE + ".")) {
                    return frame;
                }
            }
        }
        return null;
    }

    /**
     * @return the throwable, its causes and their suppressed exceptions, each once, outermost first; at
     *         most {@value #MAX_CHAIN} causes (a {@code getCause()} that makes a new exception on every
     *         call would otherwise never end)
     */
    static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t) && chain.size() < MAX_CHAIN; t = t.getCause()) {
            chain.add(t);
        }
        List<Throwable> suppressed = new ArrayList<>();
        for (Throwable t : chain) {
            for (Throwable s : t.getSuppressed()) {
                if (seen.add(s)) {
                    suppressed.add(s);
                }
            }
        }
        chain.addAll(suppressed);
        return chain;
    }

    private static String messageOrElse(Throwable t, String fallback) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? fallback : message.strip();
    }

    static String cap(String message) {
        if (message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "\n[truncated: " + (message.length() - MAX_MESSAGE) + " more characters]";
    }
}
