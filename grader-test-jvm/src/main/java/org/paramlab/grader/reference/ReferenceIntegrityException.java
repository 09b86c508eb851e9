package org.paramlab.grader.reference;

/**
 * A reference file is not the one PyTorch exported: its SHA-256 differs from
 * {@code reference-models/models/manifest.json}, it is missing from the manifest, or it is not on
 * the classpath. Grading against it would not be fair, so the grader refuses it; the message names
 * the file, both hashes and the fix.
 */
public class ReferenceIntegrityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReferenceIntegrityException(String message) {
        super(message);
    }
}
