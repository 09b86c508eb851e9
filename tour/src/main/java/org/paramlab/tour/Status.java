package org.paramlab.tour;

/** How a cell's Java output compares with PyTorch's. */
public enum Status {
    /** The Java prints exactly what PyTorch printed. */
    SAME("same"),
    /** The same up to Java's own spelling: {@code true} for {@code True}, Java's type names. */
    SAME_UP_TO_JAVA("same up to Java"),
    /** The cell ran, and neither PyTorch nor the Java printed anything: there was nothing to compare. */
    NOTHING_TO_COMPARE("nothing to compare"),
    /** The Java prints something else; the difference is shown. */
    DIFFERS("differs"),
    /** The Java threw an exception that is not a stub's. */
    FAILED("failed"),
    /** The cell needs an exercise that is still a stub. */
    NOT_IMPLEMENTED("exercise to do first"),
    /** The cell needs an earlier cell that did not run. */
    SKIPPED("skipped");

    private final String text;

    Status(String text) {
        this.text = text;
    }

    /** What the tour prints. */
    public String text() {
        return text;
    }

    /** Whether the cell ran and printed what PyTorch printed (nothing, when PyTorch printed nothing). */
    public boolean matches() {
        return this == SAME || this == SAME_UP_TO_JAVA || this == NOTHING_TO_COMPARE;
    }

    /** Whether the learner's code printed something that was compared with PyTorch's output. */
    public boolean compared() {
        return this == SAME || this == SAME_UP_TO_JAVA || this == DIFFERS;
    }
}
