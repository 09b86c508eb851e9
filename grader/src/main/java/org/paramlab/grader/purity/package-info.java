/**
 * Keeping the student's code inside the rules of the game: {@link org.paramlab.grader.purity.PurityRules}
 * (ArchUnit rules over the compiled student classes: only {@code java.base} and the given library; no
 * reflection, files, network, threads, processes, {@code System.exit}, ONNX Runtime or grader classes),
 * {@link org.paramlab.grader.purity.PurityGate} (refuses to run graded tests while a rule that protects
 * the grading is broken) and {@link org.paramlab.grader.purity.Containment} (a student's
 * {@code System.exit} or {@code OutOfMemoryError} costs only the test that reached it).
 */
package org.paramlab.grader.purity;
