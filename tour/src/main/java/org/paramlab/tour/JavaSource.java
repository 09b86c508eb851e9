package org.paramlab.tour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Java of a cell as written in its notebook class: the body of the cell's method, for showing
 * beside the Python. Read from the tour's source folder; absent when the sources are not there.
 */
public final class JavaSource {

    private final Path sources;

    /** @param sources the tour's {@code src/main/java}, or {@code null} to show no Java */
    public JavaSource(Path sources) {
        this.sources = sources;
    }

    /**
     * The body of {@code method} in the notebook class {@code type}, without its outer indentation and
     * without the {@code return null;} that ends a cell with no value.
     */
    public Optional<String> body(Class<?> type, String method) {
        if (sources == null) {
            return Optional.empty();
        }
        Path file = sources.resolve(type.getName().replace('.', '/') + ".java");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        String signature = "Object " + method + "(CellOutput out) {";
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(signature)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        String indent = lines.get(start).substring(0, lines.get(start).indexOf("Object"));
        String end = indent + "}";
        List<String> body = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).equals(end); i++) {
            String line = lines.get(i);
            body.add(line.startsWith(indent + "    ") ? line.substring(indent.length() + 4) : line.strip());
        }
        if (!body.isEmpty() && body.get(body.size() - 1).equals("return null;")) {
            body.remove(body.size() - 1);
        }
        return Optional.of(String.join("\n", body));
    }
}
