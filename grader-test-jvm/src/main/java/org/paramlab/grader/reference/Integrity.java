package org.paramlab.grader.reference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;

import org.paramlab.grader.protocol.MavenCommand;

/**
 * The SHA-256 check of a reference file's bytes against the hash in {@code manifest.json}, and
 * the messages that say how to fix a mismatch. Pure: no files, no classpath.
 */
public final class Integrity {

    /** Where the exported files live in the repository, for the fix in messages. */
    static final String MODELS_DIR = "reference-models/models/";

    /** The command that regenerates every reference file and the manifest. */
    public static final String REGENERATE = "/usr/bin/python3 reference-models/export.py";

    private Integrity() {
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Checks that {@code bytes} hash to {@code expectedSha256} (hex, any case).
     *
     * @throws ReferenceIntegrityException naming the file, both hashes and the fix, if they do not
     */
    public static void verify(String fileName, byte[] bytes, String expectedSha256) {
        String actual = sha256Hex(bytes);
        if (!actual.equals(expectedSha256.trim().toLowerCase(Locale.ROOT))) {
            throw new ReferenceIntegrityException(fileName + " is not the file PyTorch exported: its SHA-256 is "
                    + actual + " but manifest.json expects " + expectedSha256 + ".\n"
                    + "Fix: restore it with git checkout " + MODELS_DIR + fileName
                    + ", or regenerate all references with " + REGENERATE);
        }
    }

    /** The error for a file that the manifest does not list. */
    static ReferenceIntegrityException notInManifest(String fileName, byte[] bytes, Collection<String> listed) {
        return new ReferenceIntegrityException(fileName + " is not listed in " + MODELS_DIR
                + "manifest.json, so its SHA-256 " + sha256Hex(bytes) + " cannot be checked (the manifest has no hash"
                + " for it; it lists " + String.join(", ", listed) + ").\n"
                + "Fix: use one of the listed files, or add the model to reference-models/export.py and"
                + " regenerate all references with " + REGENERATE);
    }

    /** The error for a file that is not on the classpath. */
    static ReferenceIntegrityException notOnClasspath(String fileName, String resource, Collection<String> listed) {
        return new ReferenceIntegrityException(fileName + " is not on the classpath (looked for " + resource
                + "; the manifest lists " + String.join(", ", listed) + ").\n"
                + "Fix: restore it with git checkout " + MODELS_DIR + fileName + " and rebuild with -am"
                + " (" + MavenCommand.MVN + " -pl grader -am test), or regenerate all references with " + REGENERATE);
    }
}
