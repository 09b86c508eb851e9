package org.paramlab.grader.report;

import org.paramlab.grader.protocol.PlannedTest;

import org.paramlab.grader.protocol.Figure;

/**
 * A chart for {@code report.html}, as a graded test published it (display only, never scored).
 *
 * @param test   the test that published it
 * @param name   its name within the test
 * @param figure its checked numbers
 */
public record ReportFigure(PlannedTest test, String name, Figure figure) {
}
