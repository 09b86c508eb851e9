package org.paramlab.grader.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A fingerprint of everything that decides a student's marks: every input of the build but the
 * student's own files, so that an instructor can see whether a student repository edited any of it.
 *
 * <p>It covers the root {@code pom.xml}, everything under {@code .mvn/}, and every file of every module
 * (a top-level folder with a {@code pom.xml}): sources, resources, graded tests, references and each
 * module's {@code pom.xml}, hidden files and folders too. It leaves out only the real build output (a
 * module's own {@code target} or {@code target-*} folder), the student's files
 * ({@code exercises/src/main/java/org/paramlab/nn/*.java}), {@code solutions/} (not in the student
 * template, and not built by {@code mvn test}), {@code .git/}, and what is not a build input: files at
 * the root other than {@code pom.xml}, and top-level folders without a {@code pom.xml} ({@code scripts/},
 * {@code .github/}, ...).
 *
 * <p>Each {@link #PARTS part} hashes its files: SHA-256 over, for each file in the order of its path
 * relative to the repository root ({@code /}-separated), the path, a line break, the SHA-256 of the
 * file's content and a line break. Text files are hashed with their line endings turned into
 * {@code \n}, so a checkout on Windows gives the same value; {@code .onnx} and other binary files as
 * they are. The fingerprint is {@code PLF2-} and the first 16 hex digits of each part's hash, in
 * {@link #PARTS} order, so that a difference names its part; {@link #files()} names each file.
 *
 * <p>{@code scripts/CheckFingerprint.java} computes the same value without the grader (an instructor
 * runs their own copy on a student's repository); {@code FingerprintTest} checks that the two agree.
 */
public final class Fingerprint {

    /** The instructor-only checks: in no student template, so a template's fingerprint is the instructor's. */
    static final String INSTRUCTOR_CHECKS = "graded-tests/src/main/java/org/paramlab/grading/instructor/";

    /** The prefix of a fingerprint, with the format version. */
    public static final String PREFIX = "PLF2";

    /** The parts, in order: where each file of the repository belongs is {@link #partOf}. */
    public static final List<String> PARTS = List.of("build", "grader", "references", "tensor", "exercises");

    /** The folder of the student's own files, which the fingerprint leaves out (its {@code .java} files only). */
    public static final String STUDENT_FILES = "exercises/src/main/java/org/paramlab/nn/";

    private static final Set<String> BINARY = Set.of("onnx", "jar", "class", "bin", "png", "jpg", "gz", "zip", "pb");
    private static final int DIGITS = 16;

    private final Map<String, Map<String, String>> files;

    private Fingerprint(Map<String, Map<String, String>> files) {
        this.files = files;
    }

    /**
     * @param repositoryRoot the root of a ParamLab repository
     * @return its fingerprint
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Fingerprint of(Path repositoryRoot) {
        Path repository;
        try {
            repository = repositoryRoot.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + repositoryRoot + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (String part : PARTS) {
            files.put(part, new TreeMap<>());
        }
        for (Path file : inputs(repository)) {
            String path = relative(repository, file);
            String part = partOf(path, top -> Files.isRegularFile(repository.resolve(top).resolve("pom.xml")));
            if (part != null) {
                files.get(part).put(path, fileHash(file));
            }
        }
        return new Fingerprint(files);
    }

    /**
     * @param path     a file's path relative to the repository root, {@code /}-separated
     * @param isModule whether a top-level folder holds a {@code pom.xml}
     * @return the part the file belongs to, or {@code null} when it is not a build input
     */
    static String partOf(String path, Predicate<String> isModule) {
        String[] segments = path.split("/");
        String top = segments[0];
        if (path.equals("pom.xml") || top.equals(".mvn") && segments.length > 1) {
            return "build";
        }
        if (segments.length == 1 || top.equals(".git") || top.equals("solutions") || path.startsWith(INSTRUCTOR_CHECKS)
                || buildOutput(segments[1])
                && segments.length > 2) {
            return null;
        }
        switch (top) {
            case "grader", "grader-protocol", "grader-test-jvm", "grader-supervisor", "graded-tests":
                return "grader";
            case "reference-models":
                return "references";
            case "tensor":
                return "tensor";
            case "exercises":
                return studentFile(path) ? null : "exercises";
            default:
                return isModule.test(top) ? "build" : null;
        }
    }

    /** @return whether a folder right under a module is its build output ({@code target}, {@code target-x}) */
    static boolean buildOutput(String name) {
        return name.equals("target") || name.startsWith("target-");
    }

    /** @return whether the path is one of the student's own files, a {@code .java} file right in {@link #STUDENT_FILES} */
    static boolean studentFile(String path) {
        return path.startsWith(STUDENT_FILES) && path.endsWith(".java")
                && path.indexOf('/', STUDENT_FILES.length()) < 0;
    }

    /** @return {@code PLF2-} and 16 hex digits per part, for example {@code PLF2-0a1b...-...} */
    public String value() {
        return PREFIX + "-" + partHashes().values().stream().map(h -> h.substring(0, DIGITS))
                .collect(Collectors.joining("-"));
    }

    /** @return the full SHA-256 of each part, in {@link #PARTS} order */
    public Map<String, String> partHashes() {
        Map<String, String> result = new LinkedHashMap<>();
        files.forEach((part, hashes) -> {
            StringBuilder text = new StringBuilder();
            hashes.forEach((path, hash) -> text.append(path).append('\n').append(hash).append('\n'));
            result.put(part, sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
        });
        return result;
    }

    /** @return each part's files and their content hashes, by path */
    public Map<String, Map<String, String>> files() {
        return files;
    }

    /**
     * @param published a fingerprint as {@link #value()} writes it
     * @return the names of the parts whose hash differs from the published one, in order
     * @throws IllegalArgumentException if {@code published} is not a fingerprint of this format
     */
    public List<String> differingParts(String published) {
        String[] fields = published.strip().split("-");
        if (fields.length != PARTS.size() + 1 || !fields[0].equals(PREFIX)) {
            throw new IllegalArgumentException("'" + published + "' is not a " + PREFIX + " fingerprint ("
                    + PREFIX + "- and " + PARTS.size() + " groups of " + DIGITS + " hex digits)");
        }
        List<String> differing = new ArrayList<>();
        int i = 1;
        for (Map.Entry<String, String> part : partHashes().entrySet()) {
            if (!part.getValue().substring(0, DIGITS).equalsIgnoreCase(fields[i++])) {
                differing.add(part.getKey());
            }
        }
        return differing;
    }

    /** @return every file under the root, without descending into {@code .git} or build output */
    private static List<Path> inputs(Path repository) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(repository, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    Path relative = repository.relativize(dir);
                    if (relative.getNameCount() == 1 && relative.toString().equals(".git")
                            || relative.getNameCount() == 2 && buildOutput(relative.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + repository + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static String relative(Path repository, Path file) {
        List<String> segments = new ArrayList<>();
        for (Path segment : repository.relativize(file)) {
            segments.add(segment.toString());
        }
        return String.join("/", segments);
    }

    /**
     * @param file a file
     * @return the SHA-256 of its content, line endings normalized unless it is binary
     */
    static String fileHash(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            return sha256(BINARY.contains(extension) ? bytes : normalize(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the bytes with {@code \r\n} and lone {@code \r} turned into {@code \n} */
    static byte[] normalize(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                out[n++] = '\n';
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = bytes[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
