package org.paramlab.grading.support;

import static org.assertj.core.api.Assertions.fail;

import org.paramlab.grading.support.AssertionSites.Check;

/**
 * Identity checks that never call the student's {@code toString()} (which may still be a stub,
 * exercise 1.5): objects are described by their class and identity hash only. Every check is
 * recorded in {@link AssertionSites}, so that the grader's own tests can find a check that no
 * broken submission fails.
 */
public final class Identity {

    private Identity() {
    }

    /** Fails with {@code message} and both objects' descriptions unless they are the same object. */
    public static void assertSame(Object actual, Object expected, String message) {
        boolean same = actual == expected;
        AssertionSites.record(Check.IDENTITY, same, message);
        if (!same) {
            fail(message + "\n  expected the same object: " + describe(expected) + "\n  but got: " + describe(actual));
        }
    }

    /** Fails with {@code message} if {@code a} and {@code b} are the same object. */
    public static void assertDistinct(Object a, Object b, String message) {
        boolean distinct = a != b;
        AssertionSites.record(Check.IDENTITY, distinct, message);
        if (!distinct) {
            fail(message + "\n  expected two different objects, but both are " + describe(a));
        }
    }

    /** {@code Linear@1b2c3d}, or {@code null}. */
    public static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }
}
