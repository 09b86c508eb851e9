/**
 * The grading infrastructure: the chapter's {@link org.paramlab.grader.Exercise exercises}, the
 * {@link org.paramlab.grader.Graded @Graded} annotation that gives a test its exercise and points,
 * the run's {@link org.paramlab.grader.GradingSeed seed}, and the two JUnit Platform plug-ins
 * (registered in {@code META-INF/services}) that shape a grading run: the {@link
 * org.paramlab.grader.ExerciseFilter filter} behind {@code -Dexercise=...} and the {@link
 * org.paramlab.grader.GradingListener listener} that records every graded test's outcome for the
 * reports in {@link org.paramlab.grader.report}.
 */
package org.paramlab.grader;
