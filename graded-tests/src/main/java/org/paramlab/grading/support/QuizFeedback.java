package org.paramlab.grading.support;

import java.util.Map;

/**
 * What the feedback of a wrong quiz answer (exercise 7.2) says: where to look and what to try, never
 * which option is right or wrong (the grader's own tests check that no option's words leak into it).
 */
public final class QuizFeedback {

    private static final Map<String, String> WHY = Map.of(
            "question1", "count it yourself: print TiedParameters.net().namedParameters() and the shapes of its "
                    + "entries, and ask what an optimizer given net.parameters() updates (exercises 2.2 and 5.1)",
            "question2", "try it: run one backward on the tied network, then compare the shared layer's grad with the "
                    + "gradients an untied copy gets at the layer's two places (exercises 5.2 and 7.1)",
            "question3", "weigh each option against what tying changes and what it does not: how many numbers are "
                    + "stored and learned, what convolutions and recurrent networks assume, where a shared weight's "
                    + "gradient comes from, and what is computed at each place the layer is used (the notebook section "
                    + "'Tied Parameters', exercise 7.1)");

    private QuizFeedback() {
    }

    /** The feedback for a wrong answer to {@code question} ({@code "question1"}, ...). */
    public static String why(String question) {
        String why = WHY.get(question);
        if (why == null) {
            throw new IllegalArgumentException("no quiz question " + question + "; there are " + WHY.keySet());
        }
        return why;
    }

    /** Every question's feedback, by question. */
    public static Map<String, String> all() {
        return WHY;
    }
}
