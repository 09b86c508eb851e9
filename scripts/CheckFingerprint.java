import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

/**
 * Checks a student repository against the published grader fingerprint (instructors; Java 17+, no
 * build needed). Run your own copy, not the student's:
 *
 * <pre>
 * java scripts/CheckFingerprint.java STUDENT_REPO                      # print its fingerprint
 * java scripts/CheckFingerprint.java STUDENT_REPO PLF1-...             # compare with a published one
 * java scripts/CheckFingerprint.java STUDENT_REPO ../paramlab-template # compare file by file
 * </pre>
 *
 * Exit status 0 when it matches, 1 when a part differs, 2 for wrong arguments. The same algorithm as
 * org.paramlab.grader.integrity.Fingerprint (FingerprintTest keeps them equal): per part, SHA-256 over
 * "path\nsha256(content)\n" for each file in path order, text files with \n line endings, build
 * folders (target*) and hidden files left out; the fingerprint is PLF1- and 16 hex digits per part.
 */
public class CheckFingerprint {

    static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("grader", List.of("pom.xml", "grader/pom.xml", "grader/src/main/"));
        PARTS.put("tests", List.of("grader/src/test/java/org/paramlab/grading/", "grader/src/test/resources/"));
        PARTS.put("references", List.of("reference-models/models/"));
        PARTS.put("tensor", List.of("tensor/pom.xml", "tensor/src/main/"));
    }

    static final Set<String> BINARY = Set.of("onnx", "jar", "class", "bin", "png", "jpg", "gz", "zip", "pb");

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java scripts/CheckFingerprint.java STUDENT_REPO [PLF1-... | REFERENCE_REPO]");
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
            for (String part : PARTS.keySet()) {
                Map<String, String> mine = files.get(part);
                Map<String, String> theirs = reference.get(part);
                for (String path : new TreeSet<>(union(mine.keySet(), theirs.keySet()))) {
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
            if (fields.length != PARTS.size() + 1 || !fields[0].equals("PLF1")) {
                System.err.println("'" + args[1] + "' is not a PLF1 fingerprint (PLF1- and " + PARTS.size()
                        + " groups of 16 hex digits)");
                System.exit(2);
            }
            int i = 1;
            for (Map.Entry<String, String> part : partHashes(files).entrySet()) {
                if (!part.getValue().substring(0, 16).equalsIgnoreCase(fields[i++])) {
                    lines.add(part.getKey() + " differs (" + String.join(", ", PARTS.get(part.getKey())) + ")");
                }
            }
        }
        System.out.println(repo + ": " + fingerprint);
        if (lines.isEmpty()) {
            System.out.println("MATCH: the grader, its tests, the references and the tensor library are the published ones.");
            return;
        }
        System.out.println("DIFFERS:");
        lines.forEach(l -> System.out.println("  " + l));
        System.exit(1);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static Map<String, Map<String, String>> files(Path repo) throws IOException {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
            Map<String, String> hashes = new TreeMap<>();
            for (String root : part.getValue()) {
                Path path = repo.resolve(root);
                if (root.endsWith("/")) {
                    if (Files.isDirectory(path)) {
                        try (Stream<Path> walk = Files.walk(path)) {
                            for (Path file : walk.filter(Files::isRegularFile)
                                    .filter(p -> !skipped(path.relativize(p))).sorted().collect(Collectors.toList())) {
                                hashes.put(relative(repo, file), fileHash(file));
                            }
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    hashes.put(root, fileHash(path));
                }
            }
            files.put(part.getKey(), hashes);
        }
        return files;
    }

    static boolean skipped(Path relative) {
        for (Path segment : relative) {
            String name = segment.toString();
            if (name.startsWith(".") || name.startsWith("target")) {
                return true;
            }
        }
        return false;
    }

    static String relative(Path repo, Path file) {
        List<String> segments = new ArrayList<>();
        for (Path segment : repo.relativize(file)) {
            segments.add(segment.toString());
        }
        return String.join("/", segments);
    }

    static Map<String, String> partHashes(Map<String, Map<String, String>> files) throws Exception {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> part : files.entrySet()) {
            StringBuilder text = new StringBuilder();
            part.getValue().forEach((path, hash) -> text.append(path).append('\n').append(hash).append('\n'));
            result.put(part.getKey(), sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    static String value(Map<String, Map<String, String>> files) throws Exception {
        return "PLF1-" + partHashes(files).values().stream().map(h -> h.substring(0, 16))
                .collect(Collectors.joining("-"));
    }

    static String fileHash(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
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
        try {
            return sha256(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
