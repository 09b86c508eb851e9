/**
 * Scoring and reporting a grading run: the {@link org.paramlab.grader.protocol.GradingPlan plan} and
 * {@link org.paramlab.grader.protocol.ProgressEvent events} the grading listener records, the
 * {@link org.paramlab.grader.report.ScoreBook scores} computed from them, and the reports
 * {@link org.paramlab.grader.report.ReportWriter} writes after the tests, in the supervisor: the console
 * table, Gradescope's {@code results.json}, the Markdown {@code summary.md} and {@code report.html}.
 *
 * <p>Every text from outside the grader (messages, answers, ids, the selection, compiler output) is cleaned
 * once ({@link org.paramlab.grader.report.Text#clean(GradingRun)}), then escaped for its format in one
 * place per format: {@link org.paramlab.grader.report.Markdown} (code spans and fenced blocks),
 * {@link org.paramlab.grader.report.Html} (the OWASP Java Encoder) and
 * {@link org.paramlab.grader.report.Console} (escape sequences, controls, non-ASCII). "What to do next"
 * keeps a quoted text apart from the grader's words ({@link org.paramlab.grader.report.Advice}).
 */
package org.paramlab.grader.report;
