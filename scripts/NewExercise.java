import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scaffolds a new exercise in every place the authoring guide ({@code docs/adding-an-exercise.md}) names, in one go:
 * the {@code Exercise} constant (and its {@code Exercise.Group} when the group is new), a solution class with
 * {@code // BEGIN SOLUTION} markers and javadoc placeholders, a graded test that fails until it is written, a
 * reference exporter skeleton registered in {@code export.py}, {@code WatchMain}'s map of files, and the group's
 * entry in an assignment of {@code course.json}; then it regenerates the stubs ({@code GenerateExercises.java}).
 *
 * <p>Run from the repository root (Java 17 runs a single source file directly):
 * <pre>
 *     java scripts/NewExercise.java --id 9.1 --group-title "Counting parameters" --title "ParameterCount.of" \
 *         --section "Parameter Access" --class ParameterCount [--method of] [--points 1] [--assignment NAME]
 *     java scripts/NewExercise.java --id 9.2 --title "..." --section "..." --class Other   # a scaffolded group
 * </pre>
 * Every check runs before the first file is written; a refusal exits with 2 and one line naming the problem.
 *
 * <p>Long on purpose: {@code java scripts/NewExercise.java} runs one source file, so the skeletons' templates and
 * the small reader that edits {@code course.json} in place (keeping its layout) live here with the edits.
 * {@code NewExerciseTest} runs it on a copy of the files it edits; {@code scripts/check-scaffold.sh} grades what it
 * makes.
 */
public final class NewExercise {

    static final String USAGE = "usage: java scripts/NewExercise.java --id G.N --title TITLE --section SECTION"
            + " --class CLASS [--method METHOD] [--points P] [--group-title TITLE (new group)]"
            + " [--assignment NAME [--assignment-title TITLE]] [--no-generate]";

    static final Path EXERCISE = Path.of("grader-protocol/src/main/java/org/paramlab/grader/protocol/Exercise.java");
    static final Path SOLUTIONS = Path.of("solutions/src/main/java/org/paramlab/nn");
    static final Path GRADED = Path.of("graded-tests/src/main/java/org/paramlab/grading");
    static final Path REFERENCES = Path.of("reference-models");
    static final Path EXPORT_PY = REFERENCES.resolve("export.py");
    static final Path WATCH = Path.of("grader-supervisor/src/main/java/org/paramlab/grader/supervisor/WatchMain.java");
    static final Path COURSE = Path.of("course.json");

    private static final Pattern ID = Pattern.compile("([1-9][0-9]*)\\.([1-9][0-9]*)");
    private static final Pattern JAVA_CLASS = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern JAVA_METHOD = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,38}");
    private static final Pattern EXERCISE_CONSTANT = Pattern.compile(
            "(?m)^    (E\\d+_\\d+)\\(\"(\\d+\\.\\d+)\", Group\\.([A-Z][A-Z0-9_]*),");
    private static final Pattern GROUP_CONSTANT = Pattern.compile(
            "(?m)^        ([A-Z][A-Z0-9_]*)\\((\\d+), \"((?:[^\"\\\\]|\\\\.)*)\"\\)([,;])$");
    private static final Pattern WATCH_ADD = Pattern.compile("(?m)^        add\\(map, \"[^\"]+\"(?:, \"[^\"]+\")+\\);\\n");
    private static final Pattern GROUP_MODULES = Pattern.compile("(?m)^GROUP_MODULES = \\(([^)]*)\\)$");

    /** A refusal: the message names the problem; the exit status is 2. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    private final Path root;
    private final Map<String, String> options;
    private final Map<Path, String> writes = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private NewExercise(Path root, Map<String, String> options) {
        this.root = root;
        this.options = options;
    }

    /**
     * Scaffolds the exercise the arguments describe, in the repository at the working directory.
     *
     * @param args the options of {@link #USAGE}
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        try {
            Map<String, String> options = parse(args);
            NewExercise scaffold = new NewExercise(Path.of("").toAbsolutePath(), options);
            scaffold.plan();
            scaffold.write();
            if (!options.containsKey("no-generate")) {
                generate();
            }
        } catch (Refusal refusal) {
            System.err.println("NewExercise: " + refusal.getMessage());
            System.exit(2);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> known = List.of("id", "title", "section", "class", "method", "points", "group-title",
                "assignment", "assignment-title");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-generate")) {
                options.put("no-generate", "");
                continue;
            }
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new Refusal("unknown argument '" + arg + "'; " + USAGE);
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw new Refusal(arg + " needs a value; " + USAGE);
            }
            if (options.put(arg.substring(2), args[++i].strip()) != null) {
                throw new Refusal(arg + " given twice");
            }
        }
        for (String required : List.of("id", "title", "section", "class")) {
            if (!options.containsKey(required)) {
                throw new Refusal("--" + required + " is required; " + USAGE);
            }
        }
        return options;
    }

    // --------------------------------------------------------------------------------------------
    // Planning: every check, and every file's new text, before anything is written
    // --------------------------------------------------------------------------------------------

    private void plan() throws IOException {
        if (!Files.isRegularFile(root.resolve(EXERCISE)) || !Files.isDirectory(root.resolve(SOLUTIONS))) {
            throw new Refusal("run this from the repository root of the instructor's copy (" + EXERCISE
                    + " and " + SOLUTIONS + " not found under " + root + ")");
        }
        String id = options.get("id");
        Matcher idMatch = ID.matcher(id);
        if (!idMatch.matches()) {
            throw new Refusal("--id '" + id + "' is not an exercise id: expected <group>.<n>, two positive numbers"
                    + " without leading zeros, for example 9.1");
        }
        int group = Integer.parseInt(idMatch.group(1));
        int number = Integer.parseInt(idMatch.group(2));
        String className = options.get("class");
        if (!JAVA_CLASS.matcher(className).matches()) {
            throw new Refusal("--class '" + className + "' is not a class name: expected UpperCamelCase letters and"
                    + " digits, for example ParameterCount");
        }
        String method = options.getOrDefault("method", "todo");
        if (!JAVA_METHOD.matcher(method).matches()) {
            throw new Refusal("--method '" + method + "' is not a method name: expected lowerCamelCase, for example of");
        }
        double points = points(options.getOrDefault("points", "1"));
        for (String text : List.of("title", "section")) {
            if (options.get(text).contains("\n")) {
                throw new Refusal("--" + text + " must be one line");
            }
        }

        String exerciseSource = read(EXERCISE);
        Map<String, String> exerciseGroups = new LinkedHashMap<>();
        int lastExerciseNumberInGroup = 0;
        Matcher constants = EXERCISE_CONSTANT.matcher(exerciseSource);
        while (constants.find()) {
            if (constants.group(2).equals(id)) {
                throw new Refusal("exercise " + id + " exists already (" + constants.group(1) + " in " + EXERCISE + ")");
            }
            exerciseGroups.put(constants.group(2), constants.group(3));
            if (constants.group(2).startsWith(group + ".")) {
                lastExerciseNumberInGroup = Math.max(lastExerciseNumberInGroup,
                        Integer.parseInt(constants.group(2).substring(constants.group(2).indexOf('.') + 1)));
            }
        }
        List<String[]> groups = new ArrayList<>();
        Matcher groupMatch = GROUP_CONSTANT.matcher(exerciseSource);
        while (groupMatch.find()) {
            groups.add(new String[] {groupMatch.group(1), groupMatch.group(2), unescape(groupMatch.group(3))});
        }
        if (groups.isEmpty() || !groups.get(groups.size() - 1)[0].matches("[A-Z0-9_]+")) {
            throw new Refusal("no Exercise.Group constants found in " + EXERCISE + ": has its layout changed?");
        }
        String[] existingGroup = groups.stream().filter(g -> g[1].equals(String.valueOf(group))).findFirst().orElse(null);
        boolean newGroup = existingGroup == null;
        int highestGroup = groups.stream().mapToInt(g -> Integer.parseInt(g[1])).max().orElse(0);
        String groupTitle;
        String groupConstant;
        if (newGroup) {
            groupTitle = options.get("group-title");
            if (groupTitle == null) {
                throw new Refusal("group " + group + " is new: give its title with --group-title (existing groups: "
                        + String.join(", ", groups.stream().map(g -> g[1]).toList()) + ")");
            }
            if (group <= highestGroup) {
                throw new Refusal("a new group's number must come after every existing group's (the reports list"
                        + " groups in order): expected " + (highestGroup + 1) + " or more, got " + group);
            }
            if (number != 1) {
                throw new Refusal("group " + group + " is new, so its first exercise is " + group + ".1, not " + id);
            }
            groupConstant = upperSnake(groupTitle);
            if (groups.stream().anyMatch(g -> g[0].equals(groupConstant))) {
                throw new Refusal("Exercise.Group." + groupConstant + " exists already: choose another --group-title");
            }
        } else {
            groupConstant = existingGroup[0];
            groupTitle = existingGroup[2];
            if (options.containsKey("group-title") && !options.get("group-title").equals(groupTitle)) {
                throw new Refusal("group " + group + " exists with the title '" + groupTitle + "': leave out"
                        + " --group-title, or give that title");
            }
            if (number != lastExerciseNumberInGroup + 1) {
                throw new Refusal("group " + group + "'s next exercise is " + group + "." + (lastExerciseNumberInGroup + 1)
                        + ", not " + id);
            }
        }
        String testClass = upperCamel(groupTitle) + "Test";
        String exporterModule = "export_" + lowerSnake(groupTitle);
        String referenceFile = lowerSnake(className) + ".onnx";

        for (Path dir : List.of(SOLUTIONS, Path.of("tensor/src/main/java/org/paramlab/tensor"),
                Path.of("tensor/src/main/java/org/paramlab/exercise"))) {
            if (Files.exists(root.resolve(dir).resolve(className + ".java"))) {
                throw new Refusal("class " + className + " exists already (" + dir.resolve(className + ".java")
                        + "): choose another --class");
            }
        }
        if (Files.exists(root.resolve(REFERENCES).resolve("models").resolve(referenceFile))) {
            throw new Refusal("reference-models/models/" + referenceFile + " exists already: choose another --class");
        }
        if (read(WATCH).contains("\"" + className + ".java\"")) {
            throw new Refusal(className + ".java is in WatchMain's map already");
        }

        String constant = "E" + group + "_" + number;
        Map<String, String> names = new LinkedHashMap<>();
        names.put("ID", id);
        names.put("CONSTANT", constant);
        names.put("CLASS", className);
        names.put("METHOD", method);
        names.put("GROUP", String.valueOf(group));
        names.put("GROUP_TITLE", groupTitle);
        names.put("TEST_CLASS", testClass);
        names.put("REFERENCE", referenceFile);
        names.put("REFERENCE_STEM", lowerSnake(className));
        names.put("EXPORTER", exporterModule);
        names.put("TEST_METHOD", lowerFirst(className) + upperFirst(method) + "MatchesPyTorch");

        // Exercise.java
        String enumText = exerciseSource;
        if (newGroup) {
            enumText = addGroup(enumText, groups, group, groupConstant, groupTitle);
        }
        enumText = addExercise(enumText, exerciseGroups, groupConstant, newGroup, constant, id,
                options.get("title"), options.get("section"));
        writes.put(EXERCISE, enumText);

        // the solution class
        writes.put(SOLUTIONS.resolve(className + ".java"), fill(SOLUTION_TEMPLATE, names));

        // the graded test
        Path testFile = GRADED.resolve(testClass + ".java");
        String testMethod = fill(TEST_METHOD_TEMPLATE, names).replace("POINTS", format(points));
        if (newGroup) {
            if (Files.exists(root.resolve(testFile))) {
                throw new Refusal(testFile + " exists already: choose another --group-title");
            }
            writes.put(testFile, fill(TEST_CLASS_TEMPLATE, names).replace("METHODS", testMethod));
        } else {
            if (!Files.isRegularFile(root.resolve(testFile))) {
                throw new Refusal("group " + group + " has no graded class " + testFile + ": this scaffold adds exercises"
                        + " only to groups it made; add this one by hand (docs/adding-an-exercise.md)");
            }
            writes.put(testFile, addTestMethod(read(testFile), testMethod, className, testFile));
        }

        // the reference exporter
        Path exporter = REFERENCES.resolve(exporterModule + ".py");
        String function = fill(EXPORTER_FUNCTION_TEMPLATE, names);
        String exportPy = read(EXPORT_PY);
        Matcher modules = GROUP_MODULES.matcher(exportPy);
        if (!modules.find()) {
            throw new Refusal(EXPORT_PY + " has no line 'GROUP_MODULES = (...)' to register " + exporterModule + " in");
        }
        if (newGroup) {
            if (Files.exists(root.resolve(exporter)) || modules.group(1).contains("\"" + exporterModule + "\"")) {
                throw new Refusal(exporter + " exists already: choose another --group-title");
            }
            writes.put(exporter, fill(EXPORTER_MODULE_TEMPLATE, names).replace("FUNCTIONS", function));
            String list = modules.group(1).strip();
            String grown = (list.isEmpty() ? "" : list.endsWith(",") ? list + " " : list + ", ")
                    + "\"" + exporterModule + "\"";
            writes.put(EXPORT_PY, exportPy.substring(0, modules.start(1)) + grown + exportPy.substring(modules.end(1)));
        } else {
            if (!Files.isRegularFile(root.resolve(exporter)) || !modules.group(1).contains("\"" + exporterModule + "\"")) {
                throw new Refusal("group " + group + " has no exporter " + exporter + " registered in " + EXPORT_PY
                        + ": this scaffold adds exercises only to groups it made");
            }
            writes.put(exporter, addExporterFunction(read(exporter), function, names, exporter));
        }

        // WatchMain's map of files
        String watch = read(WATCH);
        Matcher adds = WATCH_ADD.matcher(watch);
        int end = -1;
        while (adds.find()) {
            end = adds.end();
        }
        if (end < 0) {
            throw new Refusal("no 'add(map, \"File.java\", ...)' line found in " + WATCH + ": has its layout changed?");
        }
        writes.put(WATCH, watch.substring(0, end) + "        add(map, \"" + className + ".java\", \"" + id + "\");\n"
                + watch.substring(end));

        // course.json
        String assignment = options.get("assignment");
        if (assignment != null) {
            if (!SLUG.matcher(assignment).matches()) {
                throw new Refusal("--assignment '" + assignment + "' is not an assignment name: expected "
                        + SLUG.pattern() + " (Classroom 50's slugs)");
            }
            if (!Files.isRegularFile(root.resolve(COURSE))) {
                throw new Refusal("--assignment needs course.json at the repository root, and there is none"
                        + " (the course file lists each assignment's exercises; docs/adding-an-exercise.md)");
            }
            String courseText = read(COURSE);
            String edited = new CourseFile(courseText).add(assignment, options.getOrDefault("assignment-title", groupTitle),
                    String.valueOf(group), id, newGroup);
            if (edited.equals(courseText)) {
                notes.add("course.json: assignment '" + assignment + "' has group " + group + " already, so " + id
                        + " is in it");
            } else {
                writes.put(COURSE, edited);
            }
        } else {
            notes.add("no --assignment: exercise " + id + " is in no assignment of course.json yet, so no run grades it;"
                    + " add it to one (\"exercises\": [\"" + (newGroup ? group : id) + "\"])");
        }
        notes.add("left for you: the solution (" + SOLUTIONS.resolve(className + ".java") + "), its javadoc, the graded test ("
                + testFile + ", fails until written), the exporter (" + exporter + ") and its reference (run "
                + "/usr/bin/python3 reference-models/export.py), the points (the chapter keeps 100), the broken "
                + "submissions, the README's exercise table; then ./mvnw -o -Psolutions -pl grader -am test "
                + "-Dparamlab.selftests.skip=true -Dexercise=" + id + " (docs/adding-an-exercise.md)");
    }

    private void write() throws IOException {
        for (Map.Entry<Path, String> e : writes.entrySet()) {
            Path file = root.resolve(e.getKey());
            boolean existed = Files.exists(file);
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            System.out.println((existed ? "edited  " : "created ") + e.getKey());
        }
        for (String note : notes) {
            System.out.println(note);
        }
    }

    private static void generate() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        System.out.println("regenerating the stubs: java scripts/GenerateExercises.java");
        Process p = new ProcessBuilder(java, "scripts/GenerateExercises.java").inheritIO().start();
        if (p.waitFor() != 0) {
            System.err.println("NewExercise: java scripts/GenerateExercises.java failed; run it again once fixed");
            System.exit(1);
        }
    }

    // --------------------------------------------------------------------------------------------
    // Edits
    // --------------------------------------------------------------------------------------------

    static String addGroup(String source, List<String[]> groups, int number, String constant, String title) {
        String[] last = groups.get(groups.size() - 1);
        String lastLine = "        " + last[0] + "(" + last[1] + ", \"" + escape(last[2]) + "\");\n";
        int at = source.indexOf(lastLine);
        if (at < 0) {
            throw new Refusal("the last Exercise.Group constant (" + last[0] + ") does not end the list with ');'"
                    + " in " + EXERCISE + ": has its layout changed?");
        }
        String added = "        " + last[0] + "(" + last[1] + ", \"" + escape(last[2]) + "\"),\n"
                + "        /** Group " + number + ": " + escapeJavadoc(title) + ". */\n"
                + "        " + constant + "(" + number + ", \"" + escape(title) + "\");\n";
        return source.substring(0, at) + added + source.substring(at + lastLine.length());
    }

    static String addExercise(String source, Map<String, String> exerciseGroups, String groupConstant,
                              boolean newGroup, String constant, String id, String title, String section) {
        String line = "    " + constant + "(\"" + id + "\", Group." + groupConstant + ", \"" + escape(title) + "\", \""
                + escape(section) + "\")";
        // the constant after which the new one goes: the group's last, or the enum's last for a new group
        String after = null;
        for (Map.Entry<String, String> e : exerciseGroups.entrySet()) {
            if (newGroup || e.getValue().equals(groupConstant)) {
                after = e.getKey();
            }
        }
        if (after == null) {
            throw new Refusal("no exercise constants found in " + EXERCISE);
        }
        Matcher m = Pattern.compile("(?m)^    E\\d+_\\d+\\(\"" + Pattern.quote(after) + "\",").matcher(source);
        if (!m.find()) {
            throw new Refusal("exercise " + after + " not found in " + EXERCISE);
        }
        Matcher end = Pattern.compile("\\)([,;])\\n").matcher(source);
        if (!end.find(m.start())) {
            throw new Refusal("the constant of exercise " + after + " has no end in " + EXERCISE);
        }
        if (end.group(1).equals(";")) {
            return source.substring(0, end.start()) + "),\n" + (newGroup ? "\n" : "") + line + ";\n"
                    + source.substring(end.end());
        }
        return source.substring(0, end.end()) + line + ",\n" + source.substring(end.end());
    }

    static String addTestMethod(String source, String method, String className, Path file) {
        int close = source.lastIndexOf("\n}");
        if (close < 0) {
            throw new Refusal(file + " does not end with its class's closing brace");
        }
        String text = source.substring(0, close) + "\n" + method.stripTrailing() + "\n" + source.substring(close + 1);
        String imported = "import org.paramlab.nn." + className + ";\n";
        Matcher imports = Pattern.compile("(?m)^import org\\.paramlab\\.nn\\.[A-Za-z0-9]+;\\n").matcher(text);
        int at = -1;
        while (imports.find()) {
            if (imports.group().compareTo(imported) < 0) {
                at = imports.end();
            } else if (at < 0) {
                at = imports.start();
            }
        }
        if (at < 0) {
            Matcher anyImport = Pattern.compile("(?m)^import [^\\n]+\\n").matcher(text);
            while (anyImport.find()) {
                at = anyImport.end();
            }
        }
        if (at < 0) {
            throw new Refusal(file + " has no import to put 'import org.paramlab.nn." + className + ";' beside");
        }
        return text.substring(0, at) + imported + text.substring(at);
    }

    static String addExporterFunction(String source, String function, Map<String, String> names, Path file) {
        Matcher list = Pattern.compile("(?m)^EXPORTERS = \\[([^\\]]*)\\]$").matcher(source);
        if (!list.find()) {
            throw new Refusal(file + " has no line 'EXPORTERS = [...]' to register the new exporter in");
        }
        String name = "export_" + lowerSnake(names.get("CLASS"));
        String grown = list.group(1).strip().isEmpty() ? name : list.group(1).strip() + ", " + name;
        return source.substring(0, list.start()) + function + "\n\n\n" + "EXPORTERS = [" + grown + "]"
                + source.substring(list.end());
    }

    // --------------------------------------------------------------------------------------------
    // course.json: a small JSON reader that knows where each part of the file is, so that an edit
    // adds text and leaves the rest of the file (its layout, its other assignments) as it is
    // --------------------------------------------------------------------------------------------

    /** The course file, read far enough to edit one assignment's exercises or add an assignment. */
    static final class CourseFile {
        private final String text;
        private int pos;
        private int assignmentsEnd = -1;
        private boolean assignmentsEmpty = true;
        private final Map<String, int[]> exercisesOf = new LinkedHashMap<>();
        private final Map<String, List<String>> listed = new LinkedHashMap<>();

        CourseFile(String text) {
            this.text = text;
            skip();
            Object top = value("", 0);
            skip();
            if (pos != text.length() || !(top instanceof Map)) {
                throw bad("one JSON object expected");
            }
            if (assignmentsEnd < 0) {
                throw bad("no \"assignments\" list");
            }
        }

        /**
         * @return the file with exercise {@code id} in assignment {@code name}: the whole group when the group is
         *         new, else the id, unless the assignment lists the group already; a new assignment when there is none
         */
        String add(String name, String title, String group, String id, boolean newGroup) {
            if (!exercisesOf.containsKey(name)) {
                String indent = indentBefore(assignmentsEnd);
                String entry = "{\"name\": \"" + name + "\", \"title\": \"" + jsonEscape(title) + "\", \"exercises\": [\""
                        + (newGroup ? group : id) + "\"]}";
                String before = text.substring(0, assignmentsEnd).stripTrailing();
                return before + (assignmentsEmpty ? "" : ",") + "\n" + indent + "  " + entry + "\n" + indent
                        + text.substring(assignmentsEnd);
            }
            List<String> ids = listed.get(name);
            if (ids.contains(group) || ids.contains(id)) {
                return text; // the assignment has the exercise already, through its whole group
            }
            int[] where = exercisesOf.get(name);
            String item = "\"" + (newGroup ? group : id) + "\"";
            String before = text.substring(0, where[1]).stripTrailing();
            return before + (ids.isEmpty() ? "" : ", ") + item + text.substring(before.length());
        }

        private String indentBefore(int at) {
            int lineStart = text.lastIndexOf('\n', at - 1) + 1;
            String line = text.substring(lineStart, at);
            return line.isBlank() ? line : "  ";
        }

        private Object value(String path, int depth) {
            skip();
            if (pos >= text.length()) {
                throw bad("unexpected end");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> object = new LinkedHashMap<>();
                skip();
                if (peek('}')) {
                    pos++;
                    return object;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    skip();
                    int valueStart = pos;
                    Object v = value(path + "/" + key, depth + 1);
                    object.put(key, v);
                    if (path.matches("/assignments/\\d+") && key.equals("exercises")) {
                        object.put("@exercises", new int[] {valueStart, pos - 1});
                    }
                    skip();
                    if (peek(',')) {
                        pos++;
                        continue;
                    }
                    expect('}');
                    break;
                }
                if (path.matches("/assignments/\\d+") && object.get("name") instanceof String name) {
                    Object exercises = object.get("exercises");
                    int[] where = (int[]) object.get("@exercises");
                    if (!(exercises instanceof List) || where == null) {
                        throw bad("assignment '" + name + "' has no \"exercises\" list");
                    }
                    exercisesOf.put(name, where);
                    listed.put(name, ((List<?>) exercises).stream().map(String::valueOf).toList());
                }
                return object;
            }
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                skip();
                if (!peek(']')) {
                    while (true) {
                        list.add(value(path + "/" + list.size(), depth + 1));
                        skip();
                        if (peek(',')) {
                            pos++;
                            continue;
                        }
                        break;
                    }
                }
                skip();
                if (path.equals("/assignments")) {
                    assignmentsEnd = pos;
                    assignmentsEmpty = list.isEmpty();
                }
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eEtruefalsn".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw bad("unexpected '" + c + "'");
            }
            return text.substring(start, pos);
        }

        private String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char e = text.charAt(pos++);
                    s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else {
                    s.append(c);
                }
            }
            expect('"');
            return s.toString();
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw bad("expected '" + c + "'");
            }
            pos++;
        }

        private Refusal bad(String what) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, text.length()); i++) {
                line += text.charAt(i) == '\n' ? 1 : 0;
            }
            return new Refusal("course.json is not a course file this scaffold can edit: " + what + " at line " + line);
        }
    }

    // --------------------------------------------------------------------------------------------
    // Names and text
    // --------------------------------------------------------------------------------------------

    private String read(Path file) throws IOException {
        return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    }

    private static double points(String text) {
        try {
            double p = Double.parseDouble(text);
            if (!(p > 0) || Double.isInfinite(p) || Math.abs(p * 100 - Math.rint(p * 100)) > 1e-9) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new Refusal("--points '" + text + "' is not a positive number of points (at most two decimals)");
        }
    }

    private static String format(double points) {
        return Double.toString(points);
    }

    static String upperSnake(String title) {
        String snake = words(title).stream().map(w -> w.toUpperCase(Locale.ROOT)).reduce((a, b) -> a + "_" + b).orElse("");
        if (!snake.matches("[A-Z][A-Z0-9_]*")) {
            throw new Refusal("the group title '" + title + "' gives no constant name: it needs a word starting with a letter");
        }
        return snake;
    }

    static String upperCamel(String title) {
        StringBuilder s = new StringBuilder();
        for (String w : words(title)) {
            s.append(upperFirst(w.toLowerCase(Locale.ROOT)));
        }
        return s.toString();
    }

    static String lowerSnake(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return String.join("_", words(spaced).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String escapeJavadoc(String s) {
        return s.replace("*/", "*&#47;").replace("@", "&#64;");
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String fill(String template, Map<String, String> names) {
        String text = template;
        for (Map.Entry<String, String> e : names.entrySet()) {
            text = text.replace("%" + e.getKey() + "%", e.getValue());
        }
        return text;
    }

    // --------------------------------------------------------------------------------------------
    // The skeletons: placeholders say TODO with the exercise's id; nothing here passes by default
    // --------------------------------------------------------------------------------------------

    private static final String SOLUTION_TEMPLATE = """
            package org.paramlab.nn;

            /**
             * TODO %ID%: what {@code %CLASS%} is for, in the notebook's words. This comment and the method's below are the
             * student's specification: the stub copies them as they are.
             */
            public final class %CLASS% {

                private %CLASS%() {
                }

                /**
                 * TODO %ID%: what this returns, in the notebook's words.
                 *
                 * @param module TODO %ID%
                 * @return TODO %ID%
                 */
                public static Object %METHOD%(Module module) {
                    // BEGIN SOLUTION %ID% %CLASS%.%METHOD%
                    // Every sentence of the javadoc above that promises behaviour (an exception, something left
                    // unchanged, the same object) needs a row in grader/javadoc-promises.md: JavadocPromisesTest proposes it.
                    throw new IllegalStateException("TODO %ID%: the solution of %CLASS%.%METHOD% is not written yet");
                    // END SOLUTION
                }
            }
            """;

    private static final String TEST_CLASS_TEMPLATE = """
            package org.paramlab.grading;

            import static org.assertj.core.api.Assertions.fail;

            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Order;
            import org.junit.jupiter.api.Test;
            import org.paramlab.grader.Graded;
            import org.paramlab.grader.protocol.Exercise;
            import org.paramlab.grading.support.Hints;
            import org.paramlab.nn.%CLASS%;

            /**
             * Group %GROUP%, %GROUP_TITLE%: TODO what these tests check. Every expected value is PyTorch's, from the files
             * {@code reference-models/%EXPORTER%.py} writes.
             */
            @Order(%GROUP%)
            @DisplayName("%GROUP% %GROUP_TITLE%")
            class %TEST_CLASS% {
            METHODS}
            """;

    private static final String TEST_METHOD_TEMPLATE = """

                // --- %ID% %CLASS%.%METHOD% ---------------------------------------------------------------------------

                /** TODO %ID%: what this checks; it fails until written (the stub still scores 0: it reaches the stub first). */
                @Test
                @Graded(exercise = Exercise.%CONSTANT%, points = POINTS)
                @DisplayName("TODO %ID%: what this test checks, in the notebook's words")
                void %TEST_METHOD%() {
                    // Call the exercise's own code first, so that on the untouched stubs this test is 'not attempted'.
                    Object actual = %CLASS%.%METHOD%(null);
                    // TODO %ID%: ReferenceModel ref = References.load("%REFERENCE%"); compare actual with ref.data(...),
                    // ref.metadata(...) or ref.run(x) (TensorAssert.assertThatTensor(...).isCloseTo(...), Expect, Identity).
                    fail("TODO %ID%: this graded test is a skeleton: compare " + actual + " with PyTorch's %REFERENCE%; "
                            + Hints.of(Exercise.%CONSTANT%));
                }
            """;

    private static final String EXPORTER_MODULE_TEMPLATE = """
            \"""References for Group %GROUP%, %GROUP_TITLE%: called by export.py as ``export(manifest, h)``.

            ``h`` is the export module: use ``h.export_module``, ``h.add_initializers``, ``h.add_metadata``,
            ``h.module_facts`` and ``h.save``.

            Files: one per exercise, each written by its function below (listed in ``EXPORTERS``).
            \"""

            import torch
            from torch import nn


            FUNCTIONS


            EXPORTERS = [export_%REFERENCE_STEM%]


            def export(manifest, h):
                \"""Write this group's reference files into the output folder and record them in the manifest.\"""
                for exporter in EXPORTERS:
                    exporter(manifest, h)
            """;

    private static final String EXPORTER_FUNCTION_TEMPLATE = """
            def export_%REFERENCE_STEM%(manifest, h):
                \"""TODO %ID% %CLASS%.%METHOD%: the notebook's cell this mirrors, and what %REFERENCE% holds.\"""
                # seed = ...  # one no other exporter uses (reference-models/README.md lists them)
                # torch.manual_seed(seed)
                # module = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
                # X = torch.rand(size=(2, 4))
                # model = h.export_module(module, X, None)
                # h.add_initializers(model, {"data.X": X, "data.Y": module(X)})
                # h.add_metadata(model, {**h.module_facts(module), "answer": ...})
                # h.save(model, "%REFERENCE%", manifest, seed, "what the file holds")
                raise NotImplementedError("TODO %ID%: export %REFERENCE% (scaffolded by scripts/NewExercise.java)")""";
}
