/**
 * Scoring and reporting a grading run: the files the grading listener writes ({@link
 * org.paramlab.grader.report.GradingPlan plan.json}, {@link org.paramlab.grader.report.ProgressEvent
 * progress.jsonl}), the {@link org.paramlab.grader.report.ScoreBook scores} computed from them, and
 * the reports {@link org.paramlab.grader.report.ReportMain} writes after the tests: the console
 * table, Gradescope's {@code results.json} and the Markdown {@code summary.md}.
 */
package org.paramlab.grader.report;
