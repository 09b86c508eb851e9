/**
 * Scoring and reporting a grading run: the {@link org.paramlab.grader.report.GradingPlan plan} and
 * {@link org.paramlab.grader.report.ProgressEvent events} the grading listener records, the
 * {@link org.paramlab.grader.report.ScoreBook scores} computed from them, and the reports
 * {@link org.paramlab.grader.report.ReportWriter} writes after the tests, in the supervisor: the console
 * table, Gradescope's {@code results.json} and the Markdown {@code summary.md}.
 */
package org.paramlab.grader.report;
