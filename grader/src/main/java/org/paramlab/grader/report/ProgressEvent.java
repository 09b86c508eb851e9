package org.paramlab.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of {@code progress.jsonl}, appended and flushed by the grading listener as the run goes,
 * so that what ran survives a test JVM that dies part-way.
 *
 * <ul>
 *   <li>{@code {"event":"started","uniqueId":...}}: a graded test began;</li>
 *   <li>{@code {"event":"finished","uniqueId":...,"status":...,"message":...,"durationMs":...}}: it ended;</li>
 *   <li>{@code {"event":"runFinished","time":...}}: the test JVM reached the end of the run.</li>
 * </ul>
 *
 * @param event      {@value #STARTED}, {@value #FINISHED} or {@value #RUN_FINISHED}
 * @param uniqueId   the test's JUnit unique id (test events only)
 * @param status     how the test ended ({@value #FINISHED} only)
 * @param message    feedback for a test that did not pass; {@code null} for a pass
 * @param durationMs how long the test ran, in milliseconds ({@value #FINISHED} only)
 * @param time       when the run ended, ISO-8601 ({@value #RUN_FINISHED} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEvent(String event, String uniqueId, TestStatus status, String message, Long durationMs,
                            String time) {

    /** A graded test started. */
    public static final String STARTED = "started";
    /** A graded test ended. */
    public static final String FINISHED = "finished";
    /** The whole run ended normally. */
    public static final String RUN_FINISHED = "runFinished";

    /** @return the event for a test that started */
    public static ProgressEvent started(String uniqueId) {
        return new ProgressEvent(STARTED, uniqueId, null, null, null, null);
    }

    /** @return the event for a test that ended */
    public static ProgressEvent finished(String uniqueId, TestStatus status, String message, long durationMs) {
        return new ProgressEvent(FINISHED, uniqueId, status, message, durationMs, null);
    }

    /** @return the event for the end of the run */
    public static ProgressEvent runFinished(String time) {
        return new ProgressEvent(RUN_FINISHED, null, null, null, null, time);
    }
}
