package org.paramlab.grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Graded} test as an instructor-only check: it lives in
 * {@code graded-tests/src/main/java/org/paramlab/grading/instructor/}, which no student template contains, and
 * only trusted grading (the instructor's pristine grader) runs it, with the same limits and containment as every
 * other graded test.
 *
 * <pre>{@code
 * @Test
 * @Graded(exercise = Exercise.E1_2, points = 2)
 * @InstructorCheck(visibility = InstructorCheck.Visibility.AFTER_DUE_DATE)
 * void forwardOnAWideBatch() { ... }
 * }</pre>
 *
 * <p>The assignment announces what its instructor-only checks are worth ({@code "instructorChecks"} in
 * {@code course.json}), so that a student's own run can say so; trusted grading refuses to grade when the checks
 * it finds do not add up to that. Gradescope shows each check as {@link #visibility()} says; Classroom 50's
 * release and the Actions summary show their points only, until the course file publishes their details.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InstructorCheck {

    /** The package of the instructor-only checks, left out of every student template. */
    String PACKAGE = GradedTests.GRADING_PACKAGE + ".instructor";

    /** @return when Gradescope shows the check to the student */
    Visibility visibility() default Visibility.AFTER_DUE_DATE;

    /** Gradescope's {@code visibility} of a test. */
    enum Visibility {
        /** Never shown to students. */
        HIDDEN("hidden"),
        /** Shown after the due date. */
        AFTER_DUE_DATE("after_due_date"),
        /** Shown once the grades are published. */
        AFTER_PUBLISHED("after_published"),
        /** Always shown. */
        VISIBLE("visible");

        private final String gradescope;

        Visibility(String gradescope) {
            this.gradescope = gradescope;
        }

        /** @return the value of Gradescope's {@code visibility} key, for example {@code "after_due_date"} */
        public String gradescope() {
            return gradescope;
        }
    }
}
