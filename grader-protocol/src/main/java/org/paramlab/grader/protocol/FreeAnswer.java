package org.paramlab.grader.protocol;

import java.util.Locale;

/**
 * A free-text answer that a graded test published for the instructor, such as the answer to the
 * notebook's "Why is sharing parameters a good idea?". It is shown in the reports and never graded.
 *
 * @param test     the graded test that published it
 * @param question the question, or {@code null} if the test gave none
 * @param text     the student's answer as published, or {@code null} when none was given
 */
public record FreeAnswer(PlannedTest test, String question, String text) {

    /** What the reports show for an empty or stub answer. */
    public static final String NO_ANSWER = "no answer given";

    /**
     * @return whether the student wrote something: not null, not blank, and not a leftover stub
     *         ({@code TODO ...} or the stub's "not implemented")
     */
    public boolean given() {
        if (text == null || text.isBlank()) {
            return false;
        }
        String start = text.strip().toLowerCase(Locale.ROOT);
        return !start.startsWith("todo") && !start.startsWith("not implemented");
    }

    /** @return the answer, stripped, or {@value #NO_ANSWER} */
    public String display() {
        return given() ? text.strip() : NO_ANSWER;
    }
}
