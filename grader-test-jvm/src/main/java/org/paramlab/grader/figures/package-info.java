/**
 * The numbers behind the charts of {@code report.html}: a graded test publishes a {@link
 * org.paramlab.grader.protocol.Figure} (bounded numeric series, display only) with {@link
 * org.paramlab.grader.figures.Figures}; it travels over the channel as a "figure" event, the supervisor
 * checks it ({@link org.paramlab.grader.protocol.Figure#parse}: sizes, finite numbers, short texts) and
 * draws it. A figure never changes a score.
 */
package org.paramlab.grader.figures;
