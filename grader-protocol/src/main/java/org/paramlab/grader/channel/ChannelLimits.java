package org.paramlab.grader.channel;

/**
 * The limits of the channel, one set for both of its ends: the test JVM bounds what the grader's own
 * code publishes by these numbers before it sends anything, and the supervisor refuses, as tampering,
 * only what crosses them. Since both ends read the same constants, an honest run never crosses one,
 * whatever the student's code returns.
 *
 * <p>The figure and heatmap limits count per run, across every test JVM of the run: the supervisor tells
 * each test JVM how many are left ({@link RunSpec#figuresLeft()}, {@link RunSpec#heatmapsLeft()}).
 */
public final class ChannelLimits {

    /** The largest frame the supervisor sends: more than the biggest reference file. */
    public static final int MAX_TO_TEST_JVM = 16 * 1024 * 1024;
    /** The largest frame (one JSON message, in UTF-8) the test JVM sends. */
    public static final int MAX_MESSAGE = 4 * 1024 * 1024;
    /**
     * The longest text (in characters) of a file a graded test publishes for the report folder. JSON
     * escaping makes at most 6 bytes of a character ({@code \u0001}), so such a file, with its event's
     * other fields, always fits in one {@value #MAX_MESSAGE}-byte message.
     */
    public static final int MAX_ARTIFACT = 512 * 1024;
    /** The most charts a run draws, mismatch heatmaps included: the grader's tests publish about ten. */
    public static final int MAX_FIGURES = 32;
    /** The most mismatch heatmaps (expected against actual values of a failed comparison) a run draws. */
    public static final int MAX_HEATMAPS = 3;
    /** The name under which a failed test's mismatch heatmap is published. */
    public static final String HEATMAP_NAME = "mismatch";

    private ChannelLimits() {
    }

    /**
     * @param used how many the run has used so far
     * @param max  the run's limit
     * @return how many are left, never negative
     */
    public static int left(int used, int max) {
        return Math.max(0, max - used);
    }
}
