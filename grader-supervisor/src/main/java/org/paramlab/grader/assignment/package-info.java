/**
 * Assignments: the course file ({@code course.json}) that declares them, and what an assignment changes in a
 * run (which exercises run, their points, the seed, the instructor-only checks it announces). The supervisor's
 * side only: the test JVM is told the exercises to run, nothing more.
 */
package org.paramlab.grader.assignment;
