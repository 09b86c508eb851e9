package org.paramlab.grading.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.regex.Pattern;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grading.support.AssertionSites.Check;

/**
 * Expecting the student's code to throw. Unlike AssertJ's {@code assertThatThrownBy}, a stub's
 * {@link NotImplementedException} passes through, so the test is reported as "not attempted"
 * rather than as a wrong exception, a wrong exception is described in one line, and a message that
 * does not say what it must is reported as that message and the rule, without a stack trace.
 */
public final class Expect {

    private Expect() {
    }

    /**
     * Runs {@code call} and returns what it threw, which must be a {@code type}.
     *
     * @param what what was called, for the message, e.g. {@code Linear(4, 8).forward(X of shape [2, 3])}
     */
    public static <T extends Throwable> T thrownBy(Class<T> type, ThrowingCallable call, String what) {
        Throwable thrown;
        try {
            call.call();
            thrown = null;
        } catch (NotImplementedException e) {
            throw e;
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            fail(what + ": expected " + type.getSimpleName() + " but nothing was thrown");
        }
        if (!type.isInstance(thrown)) {
            fail(what + ": expected " + type.getSimpleName() + " but got " + thrown.getClass().getName()
                    + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
        }
        return type.cast(thrown);
    }

    /**
     * The message of what {@code call} throws, which must be a {@code type}, for the checks of
     * {@link Message}. The call runs at the first check, so that a call that throws nothing, or the
     * wrong exception, is reported with that check's rule too.
     *
     * @param what what was called, e.g. {@code rgnet.getSubmodule("0.block9")}
     */
    public static Message message(Class<? extends Throwable> type, ThrowingCallable call, String what) {
        return new Message(type, call, what);
    }

    /**
     * The message of an exception the student's code threw, and checks of what it must say. A failed
     * check shows the message and the rule, in a few lines.
     */
    public static final class Message {

        private final Class<? extends Throwable> type;
        private final ThrowingCallable call;
        private final String what;
        private boolean ran;
        private String text;

        Message(Class<? extends Throwable> type, ThrowingCallable call, String what) {
            this.type = type;
            this.call = call;
            this.what = what;
        }

        /** The message must contain {@code fragment}, word for word; {@code rule} says why. */
        public Message contains(String fragment, String rule) {
            return check(() -> text != null && text.contains(fragment), "it must contain \"" + fragment + "\"", rule);
        }

        /** The message must have a match of {@code regex}; {@code shown} says in words what that is. */
        public Message matches(String regex, String shown, String rule) {
            return check(() -> text != null && Pattern.compile(regex).matcher(text).find(), "it must contain " + shown,
                    rule);
        }

        /** The message must contain {@code fragment}, ignoring case. */
        public Message containsIgnoringCase(String fragment, String rule) {
            return check(() -> text != null && text.toLowerCase(java.util.Locale.ROOT)
                    .contains(fragment.toLowerCase(java.util.Locale.ROOT)), "it must contain \"" + fragment + "\"", rule);
        }

        /** The message must be {@code expected}, word for word. */
        public Message isEqualTo(String expected, String rule) {
            return check(() -> expected.equals(text), "it must be, word for word:\n    " + expected.replace("\n", "\n    "),
                    rule);
        }

        private Message check(java.util.function.BooleanSupplier ok, String expectation, String rule) {
            if (!ran) {
                ran = true;
                try {
                    text = thrownBy(type, call, what).getMessage();
                } catch (AssertionError e) {
                    AssertionSites.record(Check.MESSAGE, false, what);
                    throw new AssertionError(e.getMessage() + ".\n  " + rule);
                }
            }
            boolean passed = ok.getAsBoolean();
            AssertionSites.record(Check.MESSAGE, passed, what);
            if (!passed) {
                fail(what + " threw " + type.getSimpleName() + " with the message\n    "
                        + (text == null ? "(no message)" : text.replace("\n", "\n    ")) + "\n  but " + expectation
                        + ".\n  " + rule);
            }
            return this;
        }
    }

    /**
     * Calls the student's code and returns its result; an exception it throws fails the test with
     * {@code what} and {@code hint} in front of it, so the feedback names the concept also when the
     * code crashes instead of computing a wrong value. A stub's {@link NotImplementedException} and
     * errors ({@link Error}) pass through unchanged.
     */
    public static <T> T returnedBy(java.util.function.Supplier<T> call, String what, String hint) {
        try {
            return call.get();
        } catch (NotImplementedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "\n  hint: " + hint, e);
        }
    }
}
