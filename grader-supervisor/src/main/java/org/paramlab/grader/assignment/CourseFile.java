package org.paramlab.grader.assignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.paramlab.grader.protocol.Exercise;

/**
 * A course file ({@code course.json} at the repository's root, and in every student template): the course's
 * assignments, read and checked at the start of a run. Its schema, {@value #SCHEMA}:
 *
 * <pre>{@code
 * {
 *   "schema": "paramlab/course/v1",
 *   "assignments": [
 *     {
 *       "name": "week1",                                  // required: ^[a-z0-9][a-z0-9-]{1,38}$
 *       "title": "Week 1: modules and parameter access",  // required: one line, at most 200 characters
 *       "exercises": ["1", "2.1", "2.2"],                 // required: ids and whole groups, as -Dexercise
 *       "points": {"1.1": 5, "1.2": 5},                   // optional: an exercise's points (tenths at most)
 *       "total": 30,                                      // optional, instead of points: the assignment's total
 *       "seed": 20261207,                                 // optional: the same seed for every run
 *       "provided": ["1"],                                // optional: exercises whose solutions the template has
 *       "instructorChecks": {"points": 4, "details": "hidden"}  // optional: "hidden" or "published"
 *     }
 *   ]
 * }
 * }</pre>
 *
 * Nothing else is allowed: an unknown key, a duplicate key or name, an exercise that does not exist or appears
 * twice, points for an exercise the assignment does not grade, both {@code points} and {@code total}, are each
 * an error that names the file, the assignment and the key. The run's assignment is
 * {@code -D}{@value #ASSIGNMENT_PROPERTY}{@code =NAME}, else the file's first.
 *
 * @param file        where it was read from
 * @param assignments its assignments, in file order (at least one)
 */
public record CourseFile(Path file, List<Assignment> assignments) {

    /** The value of {@code "schema"}. */
    public static final String SCHEMA = "paramlab/course/v1";
    /** The file's name, at the repository's root. */
    public static final String NAME = "course.json";
    /** The system property that picks an assignment: {@code ./mvnw test -Dassignment=week2}. */
    public static final String ASSIGNMENT_PROPERTY = "assignment";
    /** A course file larger than this is refused before it is parsed. */
    static final long MAX_BYTES = 1024 * 1024;
    /** The largest number of points of an exercise, or of a total. */
    static final double MAX_POINTS = 10_000;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,38}");
    private static final Set<String> TOP = Set.of("schema", "assignments");
    private static final Set<String> KEYS = Set.of("name", "title", "exercises", "points", "total", "seed",
            "provided", "instructorChecks");
    private static final Set<String> CHECK_KEYS = Set.of("points", "details");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Copies the list. */
    public CourseFile {
        assignments = List.copyOf(assignments);
    }

    /**
     * @param file a course file
     * @return its assignments
     * @throws CourseFileException naming the file, and the assignment and key at fault
     */
    public static CourseFile read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CourseFileException(file + ": " + Files.size(file) + " bytes; a course file has at most "
                        + MAX_BYTES + " bytes");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CourseFileException(file + " does not exist: a course file (" + NAME + ") lists the course's"
                    + " assignments; see docs/assignments.md");
        } catch (IOException e) {
            throw new CourseFileException(file + " cannot be read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /**
     * @param file the file's name, for the messages
     * @param text its content
     * @return its assignments
     * @throws CourseFileException naming the file, and the assignment and key at fault
     */
    public static CourseFile parse(Path file, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CourseFileException(file + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        String where = file.toString();
        if (root == null || !root.isObject()) {
            throw new CourseFileException(where + ": expected a JSON object {\"schema\": \"" + SCHEMA
                    + "\", \"assignments\": [...]}");
        }
        onlyKeys(root, TOP, where);
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual() || !schema.asText().equals(SCHEMA)) {
            throw new CourseFileException(where + ": \"schema\" must be \"" + SCHEMA + "\", but was "
                    + (schema == null ? "missing" : schema.toString()));
        }
        JsonNode list = root.get("assignments");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CourseFileException(where + ": \"assignments\" must be a non-empty array of assignments");
        }
        List<Assignment> assignments = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        int index = 0;
        for (JsonNode node : list) {
            Assignment assignment = assignment(node, where + ", assignments[" + index++ + "]");
            if (!names.add(assignment.name())) {
                throw new CourseFileException(where + ": two assignments are named '" + assignment.name() + "'");
            }
            assignments.add(assignment);
        }
        return new CourseFile(file, assignments);
    }

    /**
     * @param name an assignment's name, or {@code null} or blank for the file's first
     * @return that assignment
     * @throws CourseFileException naming the assignments there are
     */
    public Assignment assignment(String name) {
        if (name == null || name.isBlank()) {
            return assignments.get(0);
        }
        return find(name.strip()).orElseThrow(() -> new CourseFileException("-D" + ASSIGNMENT_PROPERTY + "="
                + name.strip() + ": " + file + " has no such assignment; it has " + assignments.stream()
                .map(Assignment::name).collect(Collectors.joining(", "))));
    }

    /** @return the assignment of that name, if there is one */
    public Optional<Assignment> find(String name) {
        return assignments.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static Assignment assignment(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CourseFileException(where + ": expected an object with \"name\", \"title\" and \"exercises\"");
        }
        String name = text(node, "name", where);
        if (!SLUG.matcher(name).matches()) {
            throw new CourseFileException(where + ": \"name\" must match " + SLUG.pattern()
                    + " (lower-case letters, digits and dashes, 2 to 39 characters), but was \"" + name + "\"");
        }
        String at = where + " ('" + name + "')";
        onlyKeys(node, KEYS, at);
        String title = text(node, "title", at);
        if (title.isBlank() || title.length() > 200 || title.chars().anyMatch(Character::isISOControl)) {
            throw new CourseFileException(at + ": \"title\" must be one line of 1 to 200 characters");
        }
        List<Exercise> exercises = exercises(node.get("exercises"), "exercises", at);
        if (exercises.isEmpty()) {
            throw new CourseFileException(at + ": \"exercises\" must list at least one exercise, such as [\"1\", \"2.1\"]");
        }
        List<Exercise> provided = node.has("provided") ? exercises(node.get("provided"), "provided", at) : List.of();
        for (Exercise exercise : provided) {
            if (exercises.contains(exercise)) {
                throw new CourseFileException(at + ": exercise " + exercise.id() + " is both graded (\"exercises\")"
                        + " and provided with its solution (\"provided\")");
            }
        }
        Map<Exercise, Double> points = points(node.get("points"), exercises, at);
        Double total = node.has("total") ? amount(node.get("total"), "\"total\"", at) : null;
        if (total != null && !points.isEmpty()) {
            throw new CourseFileException(at + ": give either \"points\" (per exercise) or \"total\", not both");
        }
        Long seed = null;
        if (node.has("seed")) {
            JsonNode value = node.get("seed");
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new CourseFileException(at + ": \"seed\" must be a whole number from " + Long.MIN_VALUE + " to "
                        + Long.MAX_VALUE + ", but was " + value);
            }
            seed = value.asLong();
        }
        Assignment.InstructorChecks checks = node.has("instructorChecks")
                ? checks(node.get("instructorChecks"), at + ", \"instructorChecks\"") : null;
        return new Assignment(name, title, exercises, points, total, seed, provided, checks);
    }

    private static Assignment.InstructorChecks checks(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CourseFileException(where + ": expected {\"points\": 4, \"details\": \"hidden\"}");
        }
        onlyKeys(node, CHECK_KEYS, where);
        if (!node.has("points")) {
            throw new CourseFileException(where + ": \"points\" is missing: what the instructor-only checks are worth");
        }
        double points = amount(node.get("points"), "\"points\"", where);
        String details = node.has("details") ? text(node, "details", where) : "hidden";
        if (!details.equals("hidden") && !details.equals("published")) {
            throw new CourseFileException(where + ": \"details\" must be \"hidden\" (points only, the default) or"
                    + " \"published\", but was \"" + details + "\"");
        }
        return new Assignment.InstructorChecks(points, details.equals("published"));
    }

    private static Map<Exercise, Double> points(JsonNode node, List<Exercise> exercises, String where) {
        Map<Exercise, Double> points = new LinkedHashMap<>();
        if (node == null) {
            return points;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new CourseFileException(where + ": \"points\" must be an object of exercise ids and points, such as"
                    + " {\"1.1\": 5}");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Exercise exercise = Exercise.find(field.getKey()).orElseThrow(() -> new CourseFileException(where
                    + ": \"points\" names '" + field.getKey() + "', which is not an exercise id; valid ids: "
                    + Exercise.validIds()));
            if (!exercises.contains(exercise)) {
                throw new CourseFileException(where + ": \"points\" gives exercise " + exercise.id() + " points, but"
                        + " the assignment does not grade it (\"exercises\")");
            }
            points.put(exercise, amount(field.getValue(), "\"points\" of " + exercise.id(), where));
        }
        return points;
    }

    /** A positive number of points, in whole tenths, as Classroom 50 counts them. */
    private static double amount(JsonNode value, String what, String where) {
        double amount = value.isNumber() ? value.asDouble() : Double.NaN;
        if (!(amount > 0 && amount <= MAX_POINTS) || Math.abs(amount * 10 - Math.rint(amount * 10)) > 1e-6) {
            throw new CourseFileException(where + ": " + what + " must be a positive number of points with at most"
                    + " one decimal (tenths of a point), at most " + (int) MAX_POINTS + ", but was " + value);
        }
        return Math.rint(amount * 10) / 10;
    }

    private static List<Exercise> exercises(JsonNode node, String key, String where) {
        if (node == null || !node.isArray()) {
            throw new CourseFileException(where + ": \"" + key + "\" must be an array of exercise ids and group"
                    + " numbers, such as [\"1\", \"2.1\"]");
        }
        Set<Exercise> chosen = EnumSet.noneOf(Exercise.class);
        for (JsonNode item : node) {
            String token = item.isTextual() ? item.asText().strip() : item.isIntegralNumber() ? item.asText() : null;
            if (token == null) {
                throw new CourseFileException(where + ": \"" + key + "\" holds " + item + "; use exercise ids and group"
                        + " numbers as strings, such as \"2.1\" and \"1\"");
            }
            List<Exercise> named = named(token);
            if (named.isEmpty()) {
                throw new CourseFileException(where + ": \"" + key + "\" names '" + token + "', which is neither an"
                        + " exercise nor a group; valid ids: " + Exercise.validIds());
            }
            for (Exercise exercise : named) {
                if (exercise.group().gate()) {
                    throw new CourseFileException(where + ": \"" + key + "\" names the rules ('" + token + "'): they"
                            + " are graded in every assignment, leave them out");
                }
                if (!chosen.add(exercise)) {
                    throw new CourseFileException(where + ": \"" + key + "\" names exercise " + exercise.id()
                            + " twice");
                }
            }
        }
        return List.copyOf(chosen);
    }

    private static List<Exercise> named(String token) {
        Optional<Exercise> exercise = Exercise.find(token);
        if (exercise.isPresent()) {
            return List.of(exercise.get());
        }
        if (token.matches("[0-9]{1,3}")) {
            int number = Integer.parseInt(token);
            for (Exercise.Group group : Exercise.Group.values()) {
                if (group.number() == number) {
                    return group.exercises();
                }
            }
        }
        return List.of();
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new CourseFileException(where + ": \"" + key + "\" must be a string, but was "
                    + (value == null ? "missing" : value.toString()));
        }
        return value.asText();
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add("\"" + name + "\"");
            }
        });
        if (!unknown.isEmpty()) {
            throw new CourseFileException(where + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; allowed: " + allowed.stream().sorted().map(k -> "\"" + k + "\"")
                    .collect(Collectors.joining(", ")));
        }
    }
}
