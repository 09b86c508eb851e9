package org.paramlab.grading.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the graded tests check identity ({@link Identity}) and exception messages ({@link Expect}),
 * and whether each such check has ever failed in this JVM. The grader's own tests grade every broken
 * submission and then ask which checks no broken submission could fail: a check that can never fail
 * (an object compared with itself, a message that any text passes) shows up there instead of being
 * found by reading.
 *
 * <p>A site is the graded test's source line, e.g. {@code ParameterAccessTest.java:87}. The record is
 * a few hundred entries at most and costs nothing when nobody reads it.
 */
public final class AssertionSites {

    /** What kind of check a site makes. */
    public enum Check {
        /** Two references must be (or must not be) the same object. */
        IDENTITY,
        /** An exception's message must say something. */
        MESSAGE
    }

    /**
     * What was seen at one site.
     *
     * @param check  the kind of check
     * @param label  the start of the check's message, to tell the site in words
     * @param passed how often it passed
     * @param failed how often it failed
     */
    public record Seen(Check check, String label, int passed, int failed) {
    }

    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    private static final Set<String> SUPPORT = Set.of(AssertionSites.class.getName(), Identity.class.getName(),
            Expect.class.getName());

    private AssertionSites() {
    }

    /** Records that the check made by the calling graded test passed or failed; {@code message} labels it. */
    public static void record(Check check, boolean passed, String message) {
        String label = message == null ? "" : message.length() <= 100 ? message : message.substring(0, 100);
        String site = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !SUPPORT.contains(f.getClassName().split("\\$")[0]))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse("?"));
        SEEN.merge(site, new Seen(check, label, passed ? 1 : 0, passed ? 0 : 1),
                (a, b) -> new Seen(a.check(), a.label(), a.passed() + b.passed(), a.failed() + b.failed()));
    }

    /** Every site seen so far, by {@code File.java:line}, in order. */
    public static Map<String, Seen> seen() {
        return new TreeMap<>(SEEN);
    }

    /** Forgets what was seen. */
    public static void clear() {
        SEEN.clear();
    }
}
