/**
 * The student API: a small, PyTorch-shaped module library ({@link org.paramlab.nn.Module},
 * {@link org.paramlab.nn.Parameter}, {@link org.paramlab.nn.Linear}, {@link org.paramlab.nn.ReLU},
 * {@link org.paramlab.nn.Sequential}) and the notebook's models
 * ({@link org.paramlab.nn.ParameterManagement}).
 *
 * <p>Each method marked "exercise N.M" in its stub is yours to write; its javadoc is the
 * specification, and the grader checks it against what PyTorch does. Run {@code mvn test} to see
 * your score; {@code mvn test -Dexercise=2.2} grades one exercise.
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management</a>
 */
package org.paramlab.nn;
