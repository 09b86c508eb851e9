package org.paramlab.grader.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of {@code progress.jsonl}, appended and flushed by the grading listener as the run goes,
 * so that what ran survives a test JVM that dies part-way.
 *
 * <ul>
 *   <li>{@code {"event":"started","uniqueId":...}}: a graded test began;</li>
 *   <li>{@code {"event":"finished","uniqueId":...,"status":...,"message":...,"durationMs":...}}: it ended;</li>
 *   <li>{@code {"event":"answer","uniqueId":...,"question":...,"answer":...}}: a graded test published
 *       a free-text answer for the instructor (not graded; {@code answer} absent when none was given);</li>
 *   <li>{@code {"event":"artifact","uniqueId":...,"name":...,"content":...}}: a graded test published a
 *       file for the report folder (the supervisor writes it, under an allowed name);</li>
 *   <li>{@code {"event":"figure","uniqueId":...,"name":...,"content":...}}: a graded test published the
 *       numbers of a chart for {@code report.html} (display only; the supervisor checks and draws it);</li>
 *   <li>{@code {"event":"classStarted"|"classFinished","uniqueId":...}}: a container of graded tests (a
 *       test class) began or ended, so that a test JVM that stops answering in a class's setup is found;</li>
 *   <li>{@code {"event":"runFinished","time":...}}: the test JVM reached the end of the run.</li>
 * </ul>
 *
 * @param event      {@value #STARTED}, {@value #FINISHED}, {@value #ANSWER} or {@value #RUN_FINISHED}
 * @param uniqueId   the test's JUnit unique id (test events only)
 * @param status     how the test ended ({@value #FINISHED} only)
 * @param message    feedback for a test that did not pass; {@code null} for a pass
 * @param durationMs how long the test ran, in milliseconds ({@value #FINISHED} only)
 * @param time       when the run ended, ISO-8601 ({@value #RUN_FINISHED} only)
 * @param question   the question a free-text answer responds to ({@value #ANSWER} only)
 * @param answer     the free-text answer, {@code null} when none was given ({@value #ANSWER} only)
 * @param name       the file's name ({@value #ARTIFACT} only)
 * @param content    the file's text ({@value #ARTIFACT} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEvent(String event, String uniqueId, TestStatus status, String message, Long durationMs,
                            String time, String question, String answer, String name, String content) {

    /** A graded test started. */
    public static final String STARTED = "started";
    /** A graded test ended. */
    public static final String FINISHED = "finished";
    /** A graded test published a free-text answer. */
    public static final String ANSWER = "answer";
    /** The whole run ended normally. */
    public static final String RUN_FINISHED = "runFinished";
    /** A graded test published a file for the report folder. */
    public static final String ARTIFACT = "artifact";
    /** A graded test published a chart's numbers (display only). */
    public static final String FIGURE = "figure";
    /** A container of graded tests began. */
    public static final String CLASS_STARTED = "classStarted";
    /** A container of graded tests ended. */
    public static final String CLASS_FINISHED = "classFinished";

    /** @return the event for a test that started */
    public static ProgressEvent started(String uniqueId) {
        return new ProgressEvent(STARTED, uniqueId, null, null, null, null, null, null, null, null);
    }

    /** @return the event for a test that ended */
    public static ProgressEvent finished(String uniqueId, TestStatus status, String message, long durationMs) {
        return new ProgressEvent(FINISHED, uniqueId, status, message, durationMs, null, null, null, null, null);
    }

    /** @return the event for a free-text answer a test published; {@code answer} null when none was given */
    public static ProgressEvent answer(String uniqueId, String question, String answer) {
        return new ProgressEvent(ANSWER, uniqueId, null, null, null, null, question, answer, null, null);
    }

    /** @return the event for a file a test published for the report folder */
    public static ProgressEvent artifact(String uniqueId, String name, String content) {
        return new ProgressEvent(ARTIFACT, uniqueId, null, null, null, null, null, null, name, content);
    }

    /** @return the event for a chart's numbers a test published ({@code content}: a figure's JSON) */
    public static ProgressEvent figure(String uniqueId, String name, String content) {
        return new ProgressEvent(FIGURE, uniqueId, null, null, null, null, null, null, name, content);
    }

    /** @return the event for a container of graded tests that began */
    public static ProgressEvent classStarted(String uniqueId) {
        return new ProgressEvent(CLASS_STARTED, uniqueId, null, null, null, null, null, null, null, null);
    }

    /** @return the event for a container of graded tests that ended */
    public static ProgressEvent classFinished(String uniqueId) {
        return new ProgressEvent(CLASS_FINISHED, uniqueId, null, null, null, null, null, null, null, null);
    }

    /** @return the event for the end of the run */
    public static ProgressEvent runFinished(String time) {
        return new ProgressEvent(RUN_FINISHED, null, null, null, null, time, null, null, null, null);
    }
}
