package org.paramlab.grading.support;

import static org.assertj.core.api.Assertions.fail;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.paramlab.exercise.NotImplementedException;

/**
 * Expecting the student's code to throw. Unlike AssertJ's {@code assertThatThrownBy}, a stub's
 * {@link NotImplementedException} passes through, so the test is reported as "not attempted"
 * rather than as a wrong exception, and a wrong exception is described in one line.
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
