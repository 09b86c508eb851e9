package org.paramlab.exercise;

/**
 * Thrown by every stub in {@code exercises/} until the student writes its body.
 *
 * <p>The grader reports a test that ends in this exception as "not attempted", apart from a
 * wrong answer, and names the exercise that is still missing. Do not catch it in your code.
 */
public class NotImplementedException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    private final String exercise;

    /**
     * @param exercise the exercise and the member it asks for, for example
     *                 {@code "2.1 Module.namedParameters"}
     */
    public NotImplementedException(String exercise) {
        super("not implemented: exercise " + exercise);
        this.exercise = exercise;
    }

    /** @return the exercise this stub belongs to, for example {@code "2.1 Module.namedParameters"} */
    public String exercise() {
        return exercise;
    }
}
