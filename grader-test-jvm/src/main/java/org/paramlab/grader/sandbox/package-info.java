/**
 * What runs inside the test JVM, beside the student's code: {@link org.paramlab.grader.sandbox.SandboxMain}
 * connects to the supervisor, fixes the run's settings and references, runs the graded tests with
 * JUnit, and reports their progress over the supervisor's private channel. Failures are read once,
 * under a time limit, before JUnit's listeners see them; a JVM that a student's code left with
 * runaway threads hands the remaining tests to a fresh one.
 */
package org.paramlab.grader.sandbox;
