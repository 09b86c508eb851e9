package org.paramlab.grader.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A student module to grade: the template's stubs or the solutions, with files a (hostile) student
 * added, replaced or deleted. Paths are relative to the module ({@code src/main/java/org/paramlab/nn/X.java},
 * {@code src/main/resources/META-INF/services/...}).
 */
public final class Submission {

    /** The folder of the student's own files, relative to a module. */
    static final String NN = "src/main/java/org/paramlab/nn/";

    private final String base;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();

    private Submission(String base) {
        this.base = base;
    }

    /** @return the untouched stubs of the template ({@code exercises/}) */
    public static Submission stubs() {
        return new Submission("exercises");
    }

    /** @return the solutions ({@code solutions/}), a submission that deserves full marks */
    public static Submission solutions() {
        return new Submission("solutions");
    }

    /** Adds or replaces a file. */
    public Submission with(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds or replaces a file with raw bytes. */
    Submission withBytes(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    /** Adds or replaces a source file of the student's package, {@code nn/<name>.java}. */
    public Submission withNn(String className, String source) {
        return with(NN + className + ".java", source);
    }

    /** Deletes a file of the base. */
    Submission without(String path) {
        deleted.add(path);
        return this;
    }

    /** @return the base's source of one of the student's classes, to edit */
    public String source(String className) {
        try {
            return Files.readString(repository().resolve(base).resolve(NN + className + ".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the module's sources (not compiled) into {@code module}. */
    void writeTo(Path module) throws IOException {
        Path from = repository().resolve(base).resolve(NN);
        try (Stream<Path> list = Files.list(from)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".java")).toList()) {
                String path = NN + file.getFileName();
                if (!deleted.contains(path)) {
                    Path target = module.resolve(path);
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = module.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    /** @return the repository root: the grader's tests run in {@code grader/} */
    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("grader")) && Files.isDirectory(dir.resolve("exercises"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a ParamLab repository: " + Path.of("").toAbsolutePath());
    }
}
