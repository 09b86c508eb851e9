import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates {@code exercises/src} from {@code solutions/src}, the single source of truth, as
 * nbgrader's {@code generate_assignment} does for notebooks.
 *
 * <p>In a solution file, the student's part of a method is marked
 * <pre>
 *     // BEGIN SOLUTION 2.2 Module.namedParameters
 *     ...
 *     // END SOLUTION
 * </pre>
 * and becomes, in the exercise file, one throw that names the exercise
 * ({@code throw new NotImplementedException("2.2 Module.namedParameters");}). A block marked
 * {@code // BEGIN SOLUTION} without a name (private helpers, fields only the solution needs) is
 * left out. Everything else, signatures and javadoc included, is copied as it is.
 *
 * <p>Run from the repository root (Java 17 runs a single source file directly):
 * <pre>
 *     java scripts/GenerateExercises.java           # rewrite exercises/src
 *     java scripts/GenerateExercises.java --check   # exit 1 if exercises/src is stale
 * </pre>
 */
public final class GenerateExercises {

    private static final Pattern BEGIN = Pattern.compile("^(\\s*)// BEGIN SOLUTION(?:\\s+(\\d+\\.\\d+)\\s+(\\S.*?))?\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// END SOLUTION\\s*$");
    private static final String IMPORT = "import org.paramlab.exercise.NotImplementedException;";
    private static final Path EXERCISE_ENUM = Paths.get("grader-protocol", "src", "main", "java", "org", "paramlab", "grader",
            "protocol", "Exercise.java");
    private static final Pattern EXERCISE_ID = Pattern.compile("(?m)^    E\\d+_\\d+\\(\"(\\d+\\.\\d+)\",");

    /** The ids of {@code Exercise}'s constants, which every marker's id must be one of; {@code null}: not checked. */
    private static Set<String> knownIds;

    private GenerateExercises() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("--provided") && args[2].equals("--into")) {
            provided(args[1], Paths.get(args[3]));
            return;
        }
        boolean check = args.length == 1 && args[0].equals("--check");
        if (args.length > 1 || (args.length == 1 && !check)) {
            System.err.println("usage: java scripts/GenerateExercises.java [--check]\n"
                    + "       java scripts/GenerateExercises.java --provided IDS --into DIR   (an assignment's template)");
            System.exit(2);
        }
        Path solutions = Paths.get("solutions", "src");
        Path exercises = Paths.get("exercises", "src");
        if (!Files.isDirectory(solutions)) {
            System.err.println("solutions/src not found: run this from the repository root of the instructor's copy");
            System.exit(2);
        }
        if (Files.isRegularFile(EXERCISE_ENUM)) {
            knownIds = new TreeSet<>();
            Matcher ids = EXERCISE_ID.matcher(Files.readString(EXERCISE_ENUM, StandardCharsets.UTF_8));
            while (ids.find()) {
                knownIds.add(ids.group(1));
            }
        }
        Map<Path, String> wanted = new TreeMap<>();
        try (Stream<Path> files = Files.walk(solutions)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Path relative = solutions.relativize(file);
                wanted.put(relative, file.toString().endsWith(".java") ? stub(file.toString(), text) : text);
            }
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        Map<Path, String> present = new TreeMap<>();
        if (Files.isDirectory(exercises)) {
            try (Stream<Path> files = Files.walk(exercises)) {
                for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    present.put(exercises.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<Path, String> e : wanted.entrySet()) {
            String old = present.get(e.getKey());
            if (old == null) {
                differences.add("missing  exercises/src/" + e.getKey());
            } else if (!old.equals(e.getValue())) {
                differences.add("stale    exercises/src/" + e.getKey());
            }
        }
        for (Path p : present.keySet()) {
            if (!wanted.containsKey(p)) {
                differences.add("extra    exercises/src/" + p + " (no such file in solutions/src)");
            }
        }
        if (check) {
            if (differences.isEmpty()) {
                System.out.println("exercises/src is up to date with solutions/src (" + wanted.size() + " files)");
                return;
            }
            System.err.println("exercises/src differs from what solutions/src generates:");
            differences.forEach(d -> System.err.println("  " + d));
            System.err.println("Edit solutions/ only, then run: java scripts/GenerateExercises.java");
            System.exit(1);
        }
        for (Path p : present.keySet()) {
            if (!wanted.containsKey(p)) {
                Files.delete(exercises.resolve(p));
            }
        }
        for (Map.Entry<Path, String> e : wanted.entrySet()) {
            Path target = exercises.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("wrote exercises/src from solutions/src (" + wanted.size() + " files, "
                + differences.size() + " changed)");
    }

    /**
     * Writes into {@code into} (an assignment template's {@code exercises/src}) the exercise files with the
     * solutions of the {@code ids} kept: the exercises that the assignment's own exercises build on
     * ({@code "provided"} in the course file). Unnamed blocks (helpers) are kept too, since a provided solution may
     * use them. Every id must name at least one marked block.
     */
    static void provided(String ids, Path into) throws IOException {
        List<String> wanted = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.strip().matches("[0-9]{1,3}(\\.[0-9]{1,3})?")) {
                System.err.println("--provided " + ids + ": '" + id.strip() + "' is not an exercise id (2.1) or group (2)");
                System.exit(2);
            }
            wanted.add(id.strip());
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        Path solutions = Paths.get("solutions", "src");
        try (Stream<Path> files = Files.walk(solutions)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Path target = into.resolve(solutions.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.toString().endsWith(".java")
                        ? stub(file.toString(), text, id -> provides(wanted, id, used)) : text, StandardCharsets.UTF_8);
            }
        }
        for (String id : wanted) {
            if (!used.contains(id)) {
                System.err.println("--provided: no solution block of exercise " + id + " in solutions/src");
                System.exit(2);
            }
        }
    }

    private static boolean provides(List<String> wanted, String exercise, java.util.Set<String> used) {
        for (String id : wanted) {
            if (exercise.equals(id) || exercise.startsWith(id + ".") && !id.contains(".")) {
                used.add(id);
                return true;
            }
        }
        return false;
    }

    /** The exercise version of one solution source file. */
    static String stub(String name, String text) {
        return stub(name, text, null);
    }

    /**
     * @param keep which exercises keep their solution ({@code null}: none, and unnamed blocks are left out)
     */
    static String stub(String name, String text, java.util.function.Predicate<String> keep) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean stubbed = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher begin = BEGIN.matcher(lines[i]);
            if (!begin.matches()) {
                if (END.matcher(lines[i]).matches()) {
                    throw new IllegalStateException(name + ":" + (i + 1) + ": END SOLUTION without BEGIN SOLUTION");
                }
                if (lines[i].contains("BEGIN SOLUTION")) {
                    throw new IllegalStateException(name + ":" + (i + 1)
                            + ": malformed marker; write '// BEGIN SOLUTION 2.2 Module.namedParameters' or '// BEGIN SOLUTION'");
                }
                out.add(lines[i]);
                continue;
            }
            int end = i + 1;
            while (end < lines.length && !END.matcher(lines[end]).matches()) {
                if (BEGIN.matcher(lines[end]).matches()) {
                    throw new IllegalStateException(name + ":" + (end + 1) + ": BEGIN SOLUTION inside the block opened at line " + (i + 1));
                }
                end++;
            }
            if (end == lines.length) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": BEGIN SOLUTION is never closed by END SOLUTION");
            }
            String indent = begin.group(1);
            if (begin.group(2) != null && knownIds != null && !knownIds.contains(begin.group(2))) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": exercise " + begin.group(2) + " is not in "
                        + EXERCISE_ENUM + " (its ids: " + String.join(", ", knownIds) + "); add its constant there first"
                        + " (java scripts/NewExercise.java does both)");
            }
            if (keep != null && (begin.group(2) == null || keep.test(begin.group(2)))) {
                for (int k = i + 1; k < end; k++) {
                    out.add(lines[k]);
                }
            } else if (begin.group(2) != null) {
                String exercise = begin.group(2) + " " + begin.group(3);
                out.add(indent + "// TODO exercise " + exercise + ": write this part (its javadoc is the specification).");
                out.add(indent + "throw new NotImplementedException(\"" + exercise.replace("\"", "\\\"") + "\");");
                stubbed = true;
            } else if (!out.isEmpty() && out.get(out.size() - 1).isBlank() && end + 1 < lines.length && lines[end + 1].isBlank()) {
                end++; // drop the blank line that separated the removed block from the next member
            }
            i = end;
        }
        if (stubbed && !text.contains(IMPORT)) {
            addImport(out);
        }
        return String.join("\n", out);
    }

    /**
     * Adds the stub exception's import in sorted place among the org.* imports; without any, as a
     * group of its own after the last import, or after the package line.
     */
    private static void addImport(List<String> lines) {
        int packageLine = -1;
        int lastImport = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("package ")) {
                packageLine = i;
            } else if (line.startsWith("import org.") && line.compareTo(IMPORT) > 0) {
                lines.add(i, IMPORT);
                return;
            } else if (line.startsWith("import org.") && (i + 1 == lines.size() || !lines.get(i + 1).startsWith("import org."))) {
                lines.add(i + 1, IMPORT);
                return;
            } else if (line.startsWith("import ")) {
                lastImport = i;
            }
        }
        int after = lastImport >= 0 ? lastImport : packageLine;
        if (after < 0) {
            throw new IllegalStateException("a stubbed file has no package line");
        }
        lines.add(after + 1, "");
        lines.add(after + 2, IMPORT);
    }
}
