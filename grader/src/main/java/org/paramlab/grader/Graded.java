package org.paramlab.grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * points are not a positive number. It may also be used as a meta-annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Tag(Graded.TAG)
@ExtendWith(GradedExtension.class)
public @interface Graded {

    /** The JUnit tag of every graded test. */
    String TAG = "graded";

    /** @return the exercise this test grades */
    Exercise exercise();

    /** @return what the test is worth; a positive number such as {@code 2} or {@code 0.5} */
    double points();
}
