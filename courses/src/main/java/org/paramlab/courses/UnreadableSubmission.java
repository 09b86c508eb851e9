package org.paramlab.courses;

/**
 * Why a submission cannot be read at all, in words a student can act on; the reader turns it into a
 * {@link Submission} with that problem, never an exception out of {@link SubmissionReader#read}.
 */
final class UnreadableSubmission extends Exception {

    private static final long serialVersionUID = 1L;

    private final String layout;

    /**
     * @param layout  the submission's layout in the report: {@code "too large"}, {@code "unreadable"}, ...
     * @param message what is wrong and what to do
     */
    UnreadableSubmission(String layout, String message) {
        super(message);
        this.layout = layout;
    }

    /** @return the submission's layout in the report */
    String layout() {
        return layout;
    }
}
