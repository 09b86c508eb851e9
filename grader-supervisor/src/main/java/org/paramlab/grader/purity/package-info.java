/**
 * The rules gate: what the student's compiled code may contain and use. {@link org.paramlab.grader.purity.StudentClasses}
 * reads everything the student's module compiled and keeps only the student's own classes;
 * {@link org.paramlab.grader.purity.PurityRules} are the ArchUnit rules over what those classes use, the last
 * of them an allow-list of the JDK classes the chapter needs ({@code AllowedClasses});
 * {@link org.paramlab.grader.purity.PurityVerdict} is the outcome, which fails closed. The supervisor
 * checks it before the test JVM runs a single test, and runs none while a rule is broken.
 * {@link org.paramlab.grader.Containment} keeps what slips past it (an {@code OutOfMemoryError},
 * an exception whose methods never return) inside one test.
 */
package org.paramlab.grader.purity;
