import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a student repository against the published grader fingerprint (instructors; Java 17+, no
 * build needed). Run your own copy, not the student's:
 *
 * <pre>
 * java scripts/CheckFingerprint.java STUDENT_REPO                      # print its fingerprint
 * java scripts/CheckFingerprint.java STUDENT_REPO PLF2-...             # compare with a published one
 * java scripts/CheckFingerprint.java STUDENT_REPO ../paramlab-template # compare file by file
 * </pre>
 *
 * Exit status 0 when it matches, 1 when something differs, 2 for wrong arguments. The same algorithm as
 * org.paramlab.grader.integrity.Fingerprint (FingerprintTest keeps them equal): every build input but
 * the student's own files (the root pom.xml, .mvn/, every file of every folder with a pom.xml except
 * its target* output folder, exercises/src/main/java/org/paramlab/nn/*.java and solutions/), in five
 * parts; per part, SHA-256 over "path\nsha256(content)\n" for each file in path order, text files with
 * \n line endings; the fingerprint is PLF2- and 16 hex digits per part.
 */
public class CheckFingerprint {

    /** The instructor-only checks: in no student template, so a template's fingerprint is the instructor's. */
    static final String INSTRUCTOR_CHECKS = "graded-tests/src/main/java/org/paramlab/grading/instructor/";

    static final List<String> PARTS = List.of("build", "grader", "references", "tensor", "exercises");
    static final String STUDENT_FILES = "exercises/src/main/java/org/paramlab/nn/";
    static final Set<String> BINARY = Set.of("onnx", "jar", "class", "bin", "png", "jpg", "gz", "zip", "pb");

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java scripts/CheckFingerprint.java STUDENT_REPO [PLF2-... | REFERENCE_REPO]");
            System.exit(2);
        }
        Path repo = Path.of(args[0]);
        Map<String, Map<String, String>> files = files(repo);
        String fingerprint = value(files);
        if (args.length == 1) {
            System.out.println(fingerprint);
            return;
        }
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(Path.of(args[1]))) {
            Map<String, Map<String, String>> reference = files(Path.of(args[1]));
            for (String part : PARTS) {
                Map<String, String> mine = files.get(part);
                Map<String, String> theirs = reference.get(part);
                Set<String> all = new TreeSet<>(mine.keySet());
                all.addAll(theirs.keySet());
                for (String path : all) {
                    if (!mine.containsKey(path)) {
                        lines.add(part + ": missing " + path);
                    } else if (!theirs.containsKey(path)) {
                        lines.add(part + ": added " + path);
                    } else if (!mine.get(path).equals(theirs.get(path))) {
                        lines.add(part + ": changed " + path);
                    }
                }
            }
        } else {
            String[] fields = args[1].strip().split("-");
            if (fields.length != PARTS.size() + 1 || !fields[0].equals("PLF2")) {
                System.err.println("'" + args[1] + "' is not a PLF2 fingerprint (PLF2- and " + PARTS.size()
                        + " groups of 16 hex digits)");
                System.exit(2);
            }
            int i = 1;
            for (Map.Entry<String, String> part : partHashes(files).entrySet()) {
                if (!part.getValue().substring(0, 16).equalsIgnoreCase(fields[i++])) {
                    lines.add(part.getKey() + " differs (compare with the template folder to see which files)");
                }
            }
        }
        System.out.println(repo + ": " + fingerprint);
        if (lines.isEmpty()) {
            System.out.println("MATCH: every build input but the student's own files is the published one.");
            return;
        }
        System.out.println("DIFFERS:");
        lines.forEach(l -> System.out.println("  " + l));
        System.exit(1);
    }

    static Map<String, Map<String, String>> files(Path root) throws IOException {
        Path repo = root.toAbsolutePath().normalize();
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (String part : PARTS) {
            files.put(part, new TreeMap<>());
        }
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path relative = repo.relativize(dir);
                if (relative.getNameCount() == 1 && relative.toString().equals(".git")
                        || relative.getNameCount() == 2 && buildOutput(relative.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String path = relative(repo, file);
                    String part = partOf(repo, path);
                    if (part != null) {
                        files.get(part).put(path, fileHash(file));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    static String partOf(Path repo, String path) {
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
                boolean student = path.startsWith(STUDENT_FILES) && path.endsWith(".java")
                        && path.indexOf('/', STUDENT_FILES.length()) < 0;
                return student ? null : "exercises";
            default:
                return Files.isRegularFile(repo.resolve(top).resolve("pom.xml")) ? "build" : null;
        }
    }

    static boolean buildOutput(String name) {
        return name.equals("target") || name.startsWith("target-");
    }

    static String relative(Path repo, Path file) {
        List<String> segments = new ArrayList<>();
        for (Path segment : repo.relativize(file)) {
            segments.add(segment.toString());
        }
        return String.join("/", segments);
    }

    static Map<String, String> partHashes(Map<String, Map<String, String>> files) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> part : files.entrySet()) {
            StringBuilder text = new StringBuilder();
            part.getValue().forEach((path, hash) -> text.append(path).append('\n').append(hash).append('\n'));
            result.put(part.getKey(), sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    static String value(Map<String, Map<String, String>> files) {
        return "PLF2-" + partHashes(files).values().stream().map(h -> h.substring(0, 16))
                .collect(Collectors.joining("-"));
    }

    static String fileHash(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (!BINARY.contains(extension)) {
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
            bytes = Arrays.copyOf(out, n);
        }
        return sha256(bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
