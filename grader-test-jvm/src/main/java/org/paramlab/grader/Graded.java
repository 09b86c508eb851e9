package org.paramlab.grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.paramlab.grader.protocol.Exercise;

/**
 * Marks a test method as graded: it belongs to one {@link Exercise} and is worth {@link #points()}.
 *
 * <pre>{@code
 * @Test
 * @Graded(exercise = Exercise.E2_2, points = 3)
 * void namedParametersListsASharedParameterOnce() { ... }
 * }</pre>
 *
 * <p>{@code @Graded} does not make a method a test: pair it with {@code @Test},
 * {@code @ParameterizedTest}, {@code @RepeatedTest} or {@code @TestFactory}. A test template or
 * factory scores its points only when every invocation passes. The points go to the test as a
 * whole; a failing test scores 0.
 *
 * <p>It tags the test {@value #TAG} and adds {@link GradedExtension}, which fails a test whose
 * points are not a positive number, {@link Rerun}, which hands the test to a fresh test JVM when a
 * student's code left the current one with runaway threads, and {@link Containment}, which turns a
 * student's {@code System.exit} or {@code OutOfMemoryError} into that test's failure and reads what
 * the student's code threw only once, under a time limit. The rules of group 0 are checked by the
 * supervisor before any graded test runs. It may also be used as a meta-annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Tag(Graded.TAG)
@ExtendWith(GradedExtension.class)
@ExtendWith(Rerun.class)
@ExtendWith(Containment.class)
public @interface Graded {

    /** The JUnit tag of every graded test. */
    String TAG = "graded";

    /** @return the exercise this test grades */
    Exercise exercise();

    /**
     * @return what the test is worth; a positive number such as {@code 2} or {@code 0.5}, and {@code 0}
     *         for a rule of the {@link Exercise.Group#gate() gate} group 0
     */
    double points();
}
