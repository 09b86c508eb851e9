package org.paramlab.courses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;

import org.paramlab.grader.protocol.ReportFiles;

/**
 * The files of the student template, each with its SHA-256, so that the files of a submission that differ
 * from it can be listed as "ignored: not graded". The template is the repository as
 * {@code scripts/make-student-template.sh} copies it: without {@code solutions/}, {@code .ci/} and the
 * script itself, with the student README ({@value #STUDENT_README}) as {@code README.md} and the
 * GitHub workflow ({@value #WORKFLOW}) added; build output is never part of it. These are the files of the
 * largest template, {@code --platform github-actions}: the others leave out the workflow, {@code scripts/} and
 * {@code courses/}, and a file a submission lacks is never reported, so one list serves every platform.
 */
public final class TemplateFiles {

    /** The template's README, for students, in the instructor's repository. */
    public static final String STUDENT_README = "courses/template/README.md";
    /** The template's GitHub Actions workflow, in the instructor's repository. */
    public static final String WORKFLOW = "courses/github/classroom.yml";
    /** Where the workflow lands in the template. */
    public static final String WORKFLOW_IN_TEMPLATE = ".github/workflows/classroom.yml";

    private static final Set<String> LEFT_OUT = Set.of(".git", "solutions", ".ci", "target",
            "scripts/make-student-template.sh");

    private TemplateFiles() {
    }

    /**
     * @param repository the instructor's repository
     * @return the template's files, by path ({@code /}-separated), with their SHA-256
     */
    public static Map<String, String> of(Path repository) {
        Path root;
        try {
            root = repository.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + repository + ": " + e.getMessage(), e);
        }
        Map<String, String> files = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String path = relative(root, dir);
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean buildOutput = path.indexOf('/') == path.lastIndexOf('/') && path.contains("/")
                            && (name.equals("target") || name.startsWith("target-"));
                    return LEFT_OUT.contains(path) || buildOutput || name.equals("node_modules")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = relative(root, file);
                    if (attrs.isRegularFile() && !LEFT_OUT.contains(path)) {
                        files.put(path, sha256(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (Files.isRegularFile(root.resolve(STUDENT_README))) {
            files.put("README.md", sha256(root.resolve(STUDENT_README)));
        }
        if (Files.isRegularFile(root.resolve(WORKFLOW))) {
            files.put(WORKFLOW_IN_TEMPLATE, sha256(root.resolve(WORKFLOW)));
        }
        return files;
    }

    /** @param file a JSON object of path to SHA-256 written by {@link #write} */
    public static Map<String, String> read(Path file) {
        try {
            return ReportFiles.mapper().readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the files as a JSON object of path to SHA-256. */
    public static void write(Map<String, String> files, Path file) {
        ReportFiles.writeJson(file, new TreeMap<>(files));
    }

    static String relative(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path segment : root.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(segment);
        }
        return path.toString();
    }

    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
