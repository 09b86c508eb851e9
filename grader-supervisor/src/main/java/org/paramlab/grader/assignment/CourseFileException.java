package org.paramlab.grader.assignment;

/** A course file that cannot be used: its message names the file, the assignment and the key at fault. */
public final class CourseFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and where */
    public CourseFileException(String message) {
        super(message);
    }
}
