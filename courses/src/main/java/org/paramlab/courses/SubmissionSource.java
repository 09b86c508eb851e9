package org.paramlab.courses;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files of a submission, a folder or a zip: first their names ({@link #list}), then each one's content
 * as a stream ({@link #open}), so that nothing is ever held whole in memory but the graded files.
 */
interface SubmissionSource extends Closeable {

    /**
     * One file of a submission.
     *
     * @param index      its place in the source's listing, for {@link #open}
     * @param path       its {@code /}-separated path in the submission
     * @param size       its size as the source declares it, or -1 when unknown
     * @param unreadable why it is never read, or null when it can be
     */
    record Item(int index, String path, long size, String unreadable) {

        /** @return the same file under another path (the submission's common folder taken off) */
        Item at(String newPath) {
            return new Item(index, newPath, size, unreadable);
        }
    }

    /**
     * @return the submission's files, sorted by path, without those of a {@code .git} folder
     * @throws UnreadableSubmission when the submission holds more files than the reader's limit
     */
    List<Item> list() throws IOException, UnreadableSubmission;

    /**
     * @param item one of {@link #list}'s files, not unreadable
     * @return its content; a zip's stream fails at its end when the content does not match the entry's
     *         checksum or size
     */
    InputStream open(Item item) throws IOException;

    /** @return what the submission is, for messages: {@code "the zip x.zip"} or {@code "the folder x"} */
    String description();

    /**
     * @param submission a folder or a {@code .zip} file; a folder that holds nothing but one {@code .zip}
     *                   file is read as that zip ({@link #onlyZip}), with a zip's limits
     * @return its source
     * @throws UnreadableSubmission when it is neither, or a zip whose table of contents is over the limits
     */
    static SubmissionSource of(Path submission) throws IOException, UnreadableSubmission {
        if (Files.isDirectory(submission)) {
            Path zip = onlyZip(submission);
            return zip != null ? ZipSource.open(zip) : new FolderSource(submission);
        }
        String name = submission.getFileName() == null ? "" : submission.getFileName().toString();
        if (Files.isRegularFile(submission) && name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return ZipSource.open(submission);
        }
        throw new UnreadableSubmission("nothing", "the submission " + name
                + " is neither a folder nor a .zip file: hand in your repository, or a zip of it");
    }

    /**
     * @return the folder's one entry when that is all it holds and it is a {@code .zip} file (not a link), as
     *         when a zip of a repository (GitHub's "Download ZIP") is uploaded to Gradescope and left
     *         unextracted; else null. Only the first two entries of the folder are looked at.
     */
    static Path onlyZip(Path folder) throws IOException {
        Path only = null;
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (only != null) {
                    return null;
                }
                only = entry;
            }
        }
        if (only == null || only.getFileName() == null
                || !only.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
                || !Files.isRegularFile(only, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return only;
    }

    /** @return whether a path is inside a {@code .git} folder, at any depth (never read: git's own files) */
    static boolean inGitFolder(String path) {
        return path.startsWith(".git/") || path.contains("/.git/");
    }
}
