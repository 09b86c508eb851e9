package org.paramlab.grader.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fingerprint of what decides a student's marks: the grader, its graded tests, the reference models
 * and the given tensor library, so that an instructor can see whether a student repository edited them.
 *
 * <p>Each {@link #PARTS part} hashes its files: SHA-256 over, for each file in the order of its path
 * relative to the repository root ({@code /}-separated), the path, a line break, the SHA-256 of the
 * file's content and a line break. Text files are hashed with their line endings turned into
 * {@code \n}, so a checkout on Windows gives the same value; {@code .onnx} and other binary files as
 * they are. Build folders ({@code target*}) and hidden files are left out. The fingerprint is
 * {@code PLF1-} and the first 16 hex digits of each part's hash, in {@link #PARTS} order, so that a
 * difference names its part.
 *
 * <p>{@code scripts/CheckFingerprint.java} computes the same value without the grader (an instructor
 * runs their own copy on a student's repository); {@code FingerprintTest} checks that the two agree.
 */
public final class Fingerprint {

    /** The prefix of a fingerprint, with the format version. */
    public static final String PREFIX = "PLF1";

    /**
     * A named set of files.
     *
     * @param name  for example {@code "references"}
     * @param roots paths relative to the repository root: a file, or a folder ending in {@code /}
     */
    public record Part(String name, List<String> roots) {
    }

    /** What the fingerprint covers, in order. */
    public static final List<Part> PARTS = List.of(
            new Part("grader", List.of("pom.xml", "grader/pom.xml", "grader/src/main/")),
            new Part("tests", List.of("grader/src/test/java/org/paramlab/grading/", "grader/src/test/resources/")),
            new Part("references", List.of("reference-models/models/")),
            new Part("tensor", List.of("tensor/pom.xml", "tensor/src/main/")));

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
        Path repository = repositoryRoot.toAbsolutePath().normalize();
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (Part part : PARTS) {
            Map<String, String> hashes = new TreeMap<>();
            for (String root : part.roots()) {
                Path path = repository.resolve(root);
                if (root.endsWith("/")) {
                    if (Files.isDirectory(path)) {
                        for (Path file : list(path)) {
                            hashes.put(relative(repository, file), fileHash(file));
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    hashes.put(root, fileHash(path));
                }
            }
            files.put(part.name(), hashes);
        }
        return new Fingerprint(files);
    }

    /** @return {@code PLF1-} and 16 hex digits per part, for example {@code PLF1-0a1b...-...} */
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

    private static List<Path> list(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> !skipped(folder.relativize(p))).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path segment : relative) {
            String name = segment.toString();
            if (name.startsWith(".") || name.startsWith("target")) {
                return true;
            }
        }
        return false;
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
