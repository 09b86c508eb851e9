/**
 * The grading infrastructure: the chapter's {@link org.paramlab.grader.protocol.Exercise exercises}, the
 * {@link org.paramlab.grader.Graded @Graded} annotation that gives a test its exercise and points,
 * the run's {@link org.paramlab.grader.protocol.RunSettings settings} (seed, provider, exercises; fixed before
 * any student class loads), the {@link org.paramlab.grader.ExerciseFilter filter} behind
 * {@code -Dexercise=...}, the {@link org.paramlab.grader.GradingListener listener} that records every
 * graded test's outcome, and the {@link org.paramlab.grader.OutcomeClassifier classifier} that turns
 * what a test threw into feedback, reading the student's exceptions only under a time limit
 * ({@link org.paramlab.grader.Guard}). The test JVM adds the filter and the listener to its launcher
 * itself ({@code org.paramlab.grader.sandbox}); the supervisor ({@code org.paramlab.grader.supervisor})
 * scores the run and writes the reports ({@code org.paramlab.grader.report}).
 */
package org.paramlab.grader;
