/**
 * The supervisor: the trusted process that grades a submission from outside the JVM that runs it.
 * It keeps only the student's own classes and checks the rules on them, starts the test JVM with a
 * clean environment and the grader first on its classpath, talks to it over a private authenticated
 * channel, owns the clock (a limit per test and one for the whole run, enforced by killing the JVM),
 * replaces a test JVM that crashed or hung, compares its record with JUnit's own report, and writes
 * every report itself. {@link org.paramlab.grader.supervisor.GradeMain} is its command line.
 */
package org.paramlab.grader.supervisor;
