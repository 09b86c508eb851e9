package org.paramlab.grading.support;

import org.paramlab.grader.protocol.Exercise;

/** The hint line of feedback: where in the notebook the concept is taught. */
public final class Hints {

    private Hints() {
    }

    /** "exercise 2.2 (namedParameters, parameters); see the notebook section 'All Parameters at Once'". */
    public static String of(Exercise exercise) {
        return exercise.hint();
    }
}
