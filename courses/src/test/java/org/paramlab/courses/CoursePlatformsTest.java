package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * The course platforms, run as they run them: Classroom 50's {@code autograder.py} with its environment,
 * Gradescope's {@code setup.sh} and {@code run_autograder} in an unpacked zip, and the GitHub Classroom
 * workflow's grading steps with {@code GITHUB_OUTPUT} and {@code GITHUB_STEP_SUMMARY} in temporary files.
 * Each grades the solutions (full marks), the stubs (0) and a submission that does not compile (0), and
 * what it writes is checked against the platform's rules ({@code ../shared/classroom.md}). The bundles are
 * made by the real scripts; the libraries come from the local Maven repository, not the network.
 *
 * <p>Long on purpose: the bundles of every platform are built once, in {@code @BeforeAll}, and shared by all of these
 * tests; one class per platform would build them again for each (a minute of CI each), and the platforms' tests
 * compare the same gradings.
 */
class CoursePlatformsTest {

    private static final Pattern RESULT = Pattern.compile("^result=(.+)$", Pattern.MULTILINE);

    @TempDir
    static Path shared;

    private static Path classroom50;
    /** Where the bundle's libraries come from when Maven Central fails (never asked here: the local repository has them). */
    private static final String MIRROR = "https://github.com/org/template/releases/download/paramlab-libs/{file}";
    private static Path gradescopeZip;

    @TempDir
    Path temp;

    @BeforeAll
    static void bundles() throws Exception {
        Path c50 = shared.resolve("c50");
        run(List.of("bash", script("make-classroom50-autograder.sh"), c50.toString(), "--template", "org/template",
                "--library-mirror", MIRROR), Fixtures.repository(), Map.of());
        classroom50 = c50.resolve("autograders/paramlab");
        gradescopeZip = shared.resolve("autograder.zip");
        run(List.of("bash", script("make-gradescope-autograder.sh"), gradescopeZip.toString()), Fixtures.repository(),
                Map.of());
    }

    private static String script(String name) {
        return Fixtures.repository().resolve("scripts").resolve(name).toString();
    }

    /** Runs a command with {@code PARAMLAB_GRADER_BUILT=1} (this build already built the grader); returns its output. */
    static String run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PARAMLAB_GRADER_BUILT", "1");
        builder.environment().put("PARAMLAB_MAVEN_REPO", Path.of(System.getProperty("user.home"), ".m2", "repository")
                .toString());
        builder.environment().put("PARAMLAB_MAVEN_CENTRAL", "http://127.0.0.1:9/no-network-in-this-test/");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    /** A student's checkout: the template with the solutions, the stubs, or a file that does not compile. */
    private Path checkout(String kind) throws IOException {
        Path repo = Fixtures.studentRepository(temp.resolve("checkout"));
        Path nn = repo.resolve(SubmissionReader.STUDENT_DIR);
        switch (kind) {
            case "solutions" -> Fixtures.copy(Fixtures.solutions(), nn);
            case "broken" -> Fixtures.write(nn.resolve("Oops.java"), "package org.paramlab.nn;\nclass Oops { int = 1; }\n");
            default -> { }
        }
        return repo;
    }

    private static double expected(String kind) {
        return kind.equals("solutions") ? 100.0 : 0.0;
    }

    // --- the test JVM's classpath ------------------------------------------------------------------

    /** The supervisor's own libraries: none of them may reach a test JVM, from a repository or a bundle. */
    private static final List<String> SUPERVISOR_ONLY = List.of("archunit-", "xchart-", "VectorGraphics2D-", "encoder-",
            "slf4j-", "pdfbox-", "graphics2d-", "fontbox-");

    @Test
    void neitherTheRepositoryNorABundleGivesTheTestJvmASupervisorClass() throws IOException {
        List<Path> sandbox = Fixtures.home().sandboxClasspath();
        assertThat(sandbox).extracting(p -> p.getFileName().toString())
                .noneMatch(name -> SUPERVISOR_ONLY.stream().anyMatch(name::startsWith));
        assertThat(sandbox).noneMatch(p -> p.toString().contains("grader-supervisor"))
                // the module's classes folder, or its jar after a build that packaged it (mvn install)
                .anyMatch(p -> p.toString().contains("grader-test-jvm"));

        List<String> bundled = Files.readAllLines(classroom50.resolve(HomeBuilder.TEST_JVM_LIBRARIES));
        assertThat(bundled).isNotEmpty().anyMatch(name -> name.startsWith("onnxruntime-"))
                .noneMatch(name -> SUPERVISOR_ONLY.stream().anyMatch(name::startsWith));
        assertThat(Files.readString(classroom50.resolve(HomeBuilder.LIBRARIES))).contains("archunit-");
    }

    // --- Classroom 50 ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"solutions", "stubs", "broken"})
    void classroom50WritesAResultItAccepts(String kind) throws Exception {
        Path checkout = checkout(kind);
        Path output = Files.writeString(temp.resolve("github-output"), "");
        Map<String, String> env = Map.of("CLASSROOM", "cs-101", "ASSIGNMENT", "paramlab", "SUBMISSION_TAG", "submit/3",
                "COMMIT_URL", "https://github.com/o/r/commit/1", "RELEASE_URL", "https://github.com/o/r/releases/3",
                "REVIEW_URL", "https://github.com/o/r/pull/1", "OWNER", "alice", "ASSIGNMENT_TYPE", "individual",
                "CLASSROOM50_BUNDLE_DIR", classroom50.toString(), "GITHUB_OUTPUT", output.toString());
        run(List.of("python3", classroom50.resolve("autograder.py").toString()), checkout, env);

        JsonNode result = Fixtures.json(checkout.resolve("result.json"));
        assertThat(result.fieldNames()).toIterable().containsExactlyInAnyOrder("schema", "classroom", "assignment",
                "submission", "commit", "release", "review", "owner", "assignment_type", "datetime", "score",
                "max-score", "tests");
        assertThat(result.get("schema").asText()).isEqualTo("classroom50/result/v1");
        assertThat(result.get("classroom").asText()).isEqualTo("cs-101");
        assertThat(result.get("assignment").asText()).isEqualTo("paramlab");
        assertThat(result.get("submission").asText()).startsWith("submit/");
        for (String url : List.of("commit", "release", "review", "owner", "assignment_type", "datetime")) {
            assertThat(result.get(url).asText()).as(url).isNotBlank();
        }
        assertThat(result.get("score").isInt()).isTrue();
        assertThat(result.get("max-score").isInt()).isTrue();
        assertThat(result.get("max-score").asInt()).isEqualTo(1000);
        assertThat(result.get("score").asInt()).isEqualTo((int) (expected(kind) * 10))
                .isBetween(0, result.get("max-score").asInt());
        Set<String> names = new HashSet<>();
        int score = 0;
        int max = 0;
        for (JsonNode test : result.get("tests")) {
            String name = test.get("test-name").asText();
            assertThat(names.add(name)).as("unique " + name).isTrue();
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
            assertThat(name.chars().noneMatch(Character::isISOControl)).isTrue();
            assertThat(test.get("passed").isBoolean()).isTrue();
            assertThat(test.get("score").isInt()).isTrue();
            assertThat(test.get("max-score").isInt()).isTrue();
            assertThat(test.get("score").asInt()).isBetween(0, test.get("max-score").asInt());
            score += test.get("score").asInt();
            max += test.get("max-score").asInt();
        }
        assertThat(score).isEqualTo(result.get("score").asInt());
        assertThat(max).isEqualTo(result.get("max-score").asInt());
        String body = Files.readString(checkout.resolve("release-body.md"));
        assertThat(body.length()).isLessThanOrEqualTo(60_000);
        assertThat(body).contains("tenths", "# ParamLab: " + (int) expected(kind) + " / 100 points");
        if (kind.equals("broken")) {
            assertThat(body).contains("your code does not compile", "Oops.java:2");
        }
        assertThat(Files.readString(output)).contains(expected(kind) == 100 ? "status=success" : "status=failure");
    }

    @Test
    void classroom50sBundleIsSmallAndHoldsNoSolution() throws IOException {
        try (var walk = Files.walk(classroom50)) {
            // lib/ is filled at grading time (autograder.py), never shipped
            List<Path> files = walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(classroom50.resolve("lib")))
                    .toList();
            long size = 0;
            for (Path file : files) {
                size += Files.size(file);
                assertThat(file.toString()).doesNotContain("solutions");
            }
            assertThat(size).isLessThan(10L * 1024 * 1024);
            // the stubs ship (graded for a missing file); the solutions' code does not
            String linear = Files.readString(classroom50.resolve("stubs/Linear.java"));
            assertThat(linear).contains("NotImplementedException");
        }
        // the second source of the libraries (LibraryFetchTest tries them)
        assertThat(Files.readAllLines(classroom50.resolve("library-sources.txt"))).containsExactly(MIRROR);
    }

    // --- Classroom 50's library mirror, with the linux-x64 ONNX Runtime jar -------------------------

    /**
     * The script's OUT_DIR/mirror/ as the course's mirror (a file: URL instead of a GitHub Release), no local
     * Maven repository: on linux-x64 the bundle fetches the slim ONNX Runtime jar, under the full jar's name, and
     * grades the solutions to full marks with it, ONNX Runtime loading its natives from that jar.
     */
    @Test
    void classroom50GradesWithTheSlimOnnxRuntimeJarFromTheCoursesMirror() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                        && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")),
                "the slim jar holds linux-x64's natives alone");
        Path mirror = classroom50.resolve("../../mirror").normalize();
        String line = Files.readAllLines(classroom50.resolve(HomeBuilder.LIBRARIES)).stream()
                .filter(l -> l.contains("/onnxruntime-")).findFirst().orElseThrow();
        String[] fields = line.split(" ");
        assertThat(fields).hasSize(5);
        assertThat(fields[2]).isEqualTo("linux-x64");
        Path slim = mirror.resolve(fields[3]);
        String full = fields[0].substring(fields[0].lastIndexOf('/') + 1);
        assertThat(fields[3]).isEqualTo(full.replace(".jar", "-linux-x64.jar"));
        assertThat(TemplateFiles.sha256(slim)).isEqualTo(fields[4]);
        assertThat(TemplateFiles.sha256(mirror.resolve(full))).isEqualTo(fields[1]);
        assertThat(Files.size(slim)).isBetween(5_000_000L, 15_000_000L);
        List<String> natives;
        try (var jar = new java.util.zip.ZipFile(slim.toFile())) {
            natives = jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("ai/onnxruntime/native/") && !n.endsWith("/")).toList();
        }
        assertThat(natives).isNotEmpty().allMatch(n -> n.startsWith("ai/onnxruntime/native/linux-x64/"));
        Path again = temp.resolve(fields[3]);
        HomeBuilder.slimJar(mirror.resolve(full), again);
        assertThat(TemplateFiles.sha256(again)).as("the same bytes every time").isEqualTo(fields[4]);

        Path bundle = temp.resolve("bundle"); // the bundle as shipped: without the lib/ another test filled
        try (var walk = Files.walk(classroom50)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(classroom50.resolve("lib")))
                    .toList()) {
                Path target = bundle.resolve(classroom50.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.writeString(bundle.resolve("library-sources.txt"), mirror.toUri() + "{file}\n");
        Path checkout = checkout("solutions");
        Path output = Files.writeString(temp.resolve("github-output"), "");
        Map<String, String> env = Map.of("CLASSROOM", "cs-101", "ASSIGNMENT", "paramlab", "SUBMISSION_TAG", "submit/3",
                "OWNER", "alice", "ASSIGNMENT_TYPE", "individual", "CLASSROOM50_BUNDLE_DIR", bundle.toString(),
                "GITHUB_OUTPUT", output.toString(),
                "PARAMLAB_MAVEN_REPO", Files.createDirectories(temp.resolve("no-maven-repo")).toString(),
                "HOME", Files.createDirectories(temp.resolve("home")).toString());
        String printed = run(List.of("python3", bundle.resolve("autograder.py").toString()), checkout, env);

        assertThat(TemplateFiles.sha256(bundle.resolve("lib").resolve(full))).as(printed).isEqualTo(fields[4]);
        assertThat(printed).contains(fields[3] + " from ");
        JsonNode result = Fixtures.json(checkout.resolve("result.json"));
        assertThat(result.get("score").asInt()).as(printed).isEqualTo(1000);
        assertThat(Files.readString(output)).contains("status=success");
    }

    // --- Classroom 50's assignments.json -----------------------------------------------------------

    /** Classroom 50's own schema of assignments.json, a verbatim copy (courses/classroom50/README.md says whence). */
    private static final Path ASSIGNMENTS_SCHEMA = Fixtures.repository().resolve(
            "courses/classroom50/assignments-v1.schema.json");

    @Test
    void classroom50sAssignmentsJsonIsInClassroom50sFormat() throws IOException {
        JsonNode document = Fixtures.json(classroom50.resolve("../../assignments.json"));
        assertThat(schemaErrors(document)).isEmpty();
        assertThat(unknownFields(document)).isEmpty();
        assertThat(document.get("schema").asText()).isEqualTo("classroom50/assignments/v1");
        assertThat(document.get("assignments").size()).isEqualTo(1);
        JsonNode entry = document.get("assignments").get(0);
        assertThat(entry.get("slug").asText()).isEqualTo("paramlab");
        assertThat(entry.get("mode").asText()).isEqualTo("individual");
        assertThat(entry.get("autograder").asText()).isEqualTo("default");
        assertThat(entry.get("template").get("owner").asText()).isEqualTo("org");
        assertThat(entry.get("template").get("repo").asText()).isEqualTo("template");
        assertThat(entry.get("template").get("branch").asText()).isEqualTo("main"); // the default
        assertThat(entry.get("runtime").get("java").asText()).isEqualTo("17");
        assertThat(entry.has("tests")).isFalse(); // autograder.py grades: tests would be refused beside it
    }

    @Test
    void theSchemaCheckRefusesTheFormerBareArray() throws IOException {
        // what the script wrote before: a bare array, template a string, no autograder
        JsonNode former = ReportFiles.mapper().readTree("""
                [{"slug": "paramlab", "name": "ParamLab", "mode": "individual", "template": "org/template",
                  "runtime": {"java": "17"}}]""");
        assertThat(schemaErrors(former)).isNotEmpty();
        JsonNode stringTemplate = ReportFiles.mapper().readTree("""
                {"schema": "classroom50/assignments/v1", "assignments": [{"slug": "paramlab", "name": "ParamLab",
                  "mode": "individual", "template": "org/template", "autograder": "default"}]}""");
        assertThat(schemaErrors(stringTemplate)).isNotEmpty();
        JsonNode unknown = ReportFiles.mapper().readTree("""
                {"schema": "classroom50/assignments/v1", "assignments": [{"slug": "paramlab", "name": "ParamLab",
                  "mode": "individual", "autograder": "default", "grader": "paramlab"}]}""");
        assertThat(schemaErrors(unknown)).isEmpty(); // the schema keeps unknown entry keys; the Go CLI does not
        assertThat(unknownFields(unknown)).containsExactly("/assignments/0/grader");
    }

    @Test
    void theScriptWritesTheTemplatesBranch(@TempDir Path out) throws Exception {
        run(List.of("bash", script("make-classroom50-autograder.sh"), out.toString(), "--entry-only", "--slug", "dl-2",
                "--template", "My-Org/paramlab.template@fall-2026/a"), Fixtures.repository(), Map.of());
        JsonNode document = Fixtures.json(out.resolve("assignments.json"));
        assertThat(schemaErrors(document)).isEmpty();
        assertThat(unknownFields(document)).isEmpty();
        JsonNode entry = document.get("assignments").get(0);
        assertThat(entry.get("slug").asText()).isEqualTo("dl-2");
        assertThat(entry.get("template").get("owner").asText()).isEqualTo("My-Org");
        assertThat(entry.get("template").get("repo").asText()).isEqualTo("paramlab.template");
        assertThat(entry.get("template").get("branch").asText()).isEqualTo("fall-2026/a");
        assertThat(out.resolve("autograders")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--slug|P", "--slug|a", "--slug|-ab", "--slug|Para_lab", "--slug|a234567890123456789012345678901234567890",
            "--template|org", "--template|org/", "--template|/repo", "--template|org/repo@", "--template|a/b/c",
            "--template|-org/repo", "--template|org/re po", "--template|org/repo@-x", "--template|org/repo@a..b",
            "--template|org/..", "--library-mirror|http://example.org/libs/{file}", "--library-mirror|ftp://x/y"})
    void theScriptRefusesABadSlugOrTemplateAndNamesIt(String option, @TempDir Path out) throws Exception {
        String[] parts = option.split("\\|", 2);
        List<String> command = new ArrayList<>(List.of("bash", script("make-classroom50-autograder.sh"),
                out.toString(), "--entry-only", "--template", "org/template"));
        command.addAll(List.of(parts[0], parts[1]));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(text).isEqualTo(2);
        assertThat(text).contains(parts[0] + " '" + parts[1] + "'");
        assertThat(out.resolve("assignments.json")).doesNotExist();
    }

    /** What Classroom 50's JSON schema finds wrong with a document, by a JSON-schema validator (draft 2020-12). */
    private static List<String> schemaErrors(JsonNode document) throws IOException {
        try (var in = Files.newInputStream(ASSIGNMENTS_SCHEMA)) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            return schema.validate(document).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                    .toList();
        }
    }

    /**
     * The fields of a document that its schema does not name. The schema lets an assignment carry unknown keys
     * (a newer GUI's), but ParamLab writes for the Go CLI, which decodes with unknown fields disallowed: every key
     * written must be one the schema declares, at every level.
     */
    private static List<String> unknownFields(JsonNode document) {
        JsonNode schema = Fixtures.json(ASSIGNMENTS_SCHEMA);
        List<String> unknown = new ArrayList<>();
        unknownFields(schema, schema, document, "", unknown);
        return unknown;
    }

    private static void unknownFields(JsonNode root, JsonNode schema, JsonNode node, String at, List<String> unknown) {
        while (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1)); // "#/$defs/x": a pointer into this schema
        }
        if (node.isObject() && schema.has("properties")) {
            JsonNode properties = schema.get("properties");
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (properties.has(field.getKey())) {
                    unknownFields(root, properties.get(field.getKey()), field.getValue(), at + "/" + field.getKey(),
                            unknown);
                } else {
                    unknown.add(at + "/" + field.getKey());
                }
            }
        } else if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                unknownFields(root, schema.get("items"), node.get(i), at + "/" + i, unknown);
            }
        }
    }

    // --- Gradescope ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"solutions", "stubs", "broken"})
    void gradescopesAutograderWritesItsResults(String kind) throws Exception {
        Path root = temp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        run(List.of("unzip", "-q", gradescopeZip.toString(), "-d", source.toString()), temp, Map.of());
        Map<String, String> env = Map.of("PARAMLAB_AUTOGRADER_ROOT", root.toString(), "PARAMLAB_SKIP_INSTALL", "1");
        run(List.of("bash", source.resolve("setup.sh").toString()), source, env);
        // a submission of just the student's files, as Gradescope's upload takes them
        Path submission = Files.createDirectories(root.resolve("submission"));
        Fixtures.copy(checkout(kind).resolve(SubmissionReader.STUDENT_DIR), submission);
        run(List.of("bash", source.resolve("run_autograder").toString()), source, env);

        JsonNode results = Fixtures.json(root.resolve("results/results.json"));
        assertThat(results.get("score").asDouble()).isEqualTo(expected(kind));
        assertThat(results.get("visibility").asText()).isEqualTo("visible");
        assertThat(results.get("output").asText()).startsWith("ParamLab: ");
        assertThat(results.get("tests").size()).isGreaterThanOrEqualTo(88);
        double sum = 0;
        for (JsonNode test : results.get("tests")) {
            assertThat(test.get("name").asText()).isNotBlank();
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            assertThat(test.get("visibility").asText()).isIn("hidden", "after_due_date", "after_published", "visible");
            assertThat(test.get("score").asDouble()).isBetween(0.0, test.get("max_score").asDouble());
            assertThat(test.has("output")).isTrue();
            sum += test.get("score").asDouble();
        }
        assertThat(sum).isEqualTo(expected(kind));
    }

    /** An unpacked, set up Gradescope autograder under {@code temp/autograder}, with the stubs submitted. */
    private Path gradescopeRoot() throws Exception {
        Path root = temp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        run(List.of("unzip", "-q", gradescopeZip.toString(), "-d", source.toString()), temp, Map.of());
        run(List.of("bash", source.resolve("setup.sh").toString()), source,
                Map.of("PARAMLAB_AUTOGRADER_ROOT", root.toString(), "PARAMLAB_SKIP_INSTALL", "1"));
        Fixtures.copy(checkout("stubs").resolve(SubmissionReader.STUDENT_DIR),
                Files.createDirectories(root.resolve("submission")));
        return root;
    }

    @Test
    void gradescopeSeesAGraderThatCannotRunAsAnAutograderFailureNotAGrade() throws Exception {
        Path root = gradescopeRoot();
        // java missing: a PATH with only the tools run_autograder needs besides java
        Path bin = Files.createDirectories(temp.resolve("bin-without-java"));
        for (String tool : List.of("bash", "mktemp", "mkdir", "id", "chmod", "timeout", "cp", "rm")) {
            String found = run(List.of("bash", "-c", "command -v " + tool), temp, Map.of()).strip();
            Files.createSymbolicLink(bin.resolve(tool), Path.of(found));
        }
        // a stale results.json (a 0 written by an older run_autograder) must not survive either
        Fixtures.write(Files.createDirectories(root.resolve("results")).resolve("results.json"), "{\"score\": 0}");
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("bash").toString(),
                root.resolve("source/run_autograder").toString()).directory(root.resolve("source").toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("PARAMLAB_AUTOGRADER_ROOT", root.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        // Gradescope: no valid results.json is "The autograder failed to execute correctly", not a score
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(root.resolve("results/results.json")).doesNotExist();
        assertThat(output).contains("INFRASTRUCTURE FAILURE").contains("status 127");
    }

    @Test
    void gradescopeGetsARealGradingsResultsUntouched() throws Exception {
        Path root = gradescopeRoot();
        Map<String, String> env = Map.of("PARAMLAB_AUTOGRADER_ROOT", root.toString());
        run(List.of("bash", root.resolve("source/run_autograder").toString()), root.resolve("source"), env);
        Path results = root.resolve("results/results.json");
        assertThat(Fixtures.json(results).get("score").asDouble()).isZero();
        assertThat(Fixtures.json(results).get("tests").size()).isGreaterThanOrEqualTo(88);
        assertThat(Files.readString(results)).doesNotContain("INFRASTRUCTURE FAILURE");
    }

    @Test
    void gradescopeGradesAGitHubZipLeftUnextracted() throws Exception {
        Path root = gradescopeRoot();
        Path submission = root.resolve("submission");
        try (var files = Files.walk(submission)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        // GitHub's "Download ZIP" of the student's repository: every entry under "<repo>-main/"
        Fixtures.zip(checkout("solutions"), "paramlab-student-main/",
                Files.createDirectories(submission).resolve("paramlab-student-main.zip"));
        run(List.of("bash", root.resolve("source/run_autograder").toString()), root.resolve("source"),
                Map.of("PARAMLAB_AUTOGRADER_ROOT", root.toString()));
        JsonNode results = Fixtures.json(root.resolve("results/results.json"));
        assertThat(results.get("score").asDouble()).as(results.get("output").asText()).isEqualTo(100.0);
    }

    @Test
    void aSubmissionThatDoesNotCompileListsEveryGradedTest() throws Exception {
        Path root = gradescopeRoot();
        Map<String, String> env = Map.of("PARAMLAB_AUTOGRADER_ROOT", root.toString());
        run(List.of("bash", root.resolve("source/run_autograder").toString()), root.resolve("source"), env);
        JsonNode compiling = Fixtures.json(root.resolve("results/results.json"));
        Fixtures.write(root.resolve("submission/Oops.java"), "package org.paramlab.nn;\nclass Oops { int = 1; }\n");
        run(List.of("bash", root.resolve("source/run_autograder").toString()), root.resolve("source"), env);
        JsonNode broken = Fixtures.json(root.resolve("results/results.json"));

        assertThat(broken.get("score").asDouble()).isZero();
        // every graded test, the rules' rows (0.1, 0.2) included; the one row that is not a test, the stub's
        // answer in its own words (published by a test as it runs, "not graded"), only a run that ran can show
        assertThat(gradedNames(broken)).hasSizeGreaterThanOrEqualTo(100).isEqualTo(gradedNames(compiling))
                .anyMatch(name -> name.startsWith("0.1 ")).anyMatch(name -> name.startsWith("0.2 "));
        assertThat(names(compiling, "tests", "name")).containsAll(names(broken, "tests", "name"));
        assertThat(names(broken.get("extra_data"), "exercises", "id")).isEqualTo(names(compiling.get("extra_data"),
                "exercises", "id")).contains("0.1", "0.2");
        for (JsonNode test : broken.get("tests")) {
            assertThat(test.get("status").asText()).isEqualTo("failed");
            assertThat(test.get("output").asText()).as(test.get("name").asText())
                    .contains("not graded: your code does not compile");
        }
        // the compiler's message itself, once, in the results' output
        assertThat(broken.get("output").asText()).contains("Oops.java");
    }

    /** @return the names of the results' graded tests: every row but the answers in the student's own words */
    private static List<String> gradedNames(JsonNode results) {
        List<String> names = new ArrayList<>();
        for (JsonNode test : results.get("tests")) {
            if (!test.path("tags").path(2).asText().equals("not graded")) {
                names.add(test.get("name").asText());
            }
        }
        return names.stream().sorted().toList();
    }

    private static Set<String> names(JsonNode parent, String array, String field) {
        Set<String> names = new java.util.TreeSet<>();
        parent.get(array).forEach(node -> names.add(node.get(field).asText()));
        return names;
    }

    // --- the GitHub Classroom workflow ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"solutions", "stubs", "partial"})
    void theWorkflowsGradingStepsReportWhatTheGraderScored(String kind) throws Exception {
        Path checkout = checkout(kind);
        if (kind.equals("partial")) {
            Files.copy(Fixtures.solutions().resolve("ReLU.java"), checkout.resolve(SubmissionReader.STUDENT_DIR
                    + "ReLU.java"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String printed = run(List.of("bash", script("run-classroom-workflow-locally.sh"), checkout.toString(),
                Fixtures.repository().toString()), temp, Map.of());
        Path output = Path.of(line(printed, "OUTPUT"));
        Matcher matcher = RESULT.matcher(Files.readString(output));
        assertThat(matcher.find()).isTrue();
        String base64 = matcher.group(1);
        assertThat(base64.length()).isLessThan(100 * 1024);
        JsonNode document = ReportFiles.mapper().readTree(Base64.getDecoder().decode(base64));
        assertThat(document.get("version").asInt()).isEqualTo(1);
        assertThat(document.get("max_score").asDouble()).isEqualTo(100.0);
        double score = 0;
        List<String> statuses = new ArrayList<>();
        for (JsonNode test : document.get("tests")) {
            score += test.get("score").asDouble();
            statuses.add(test.get("status").asText());
            assertThat(test.get("test_code").asText().lines()).noneMatch(l -> l.stripLeading().startsWith("::"));
        }
        Path results = Path.of(line(printed, "WORKSPACE")).resolveSibling("runner-temp");
        JsonNode graded;
        try (var walk = Files.walk(results)) {
            graded = Fixtures.json(walk.filter(p -> p.getFileName().toString().equals("results.json")).findFirst()
                    .orElseThrow());
        }
        assertThat(score).isEqualTo(graded.get("score").asDouble())
                .isEqualTo(kind.equals("solutions") ? 100.0 : kind.equals("partial") ? 1.0 : 0.0);
        assertThat(document.get("status").asText()).isEqualTo(kind.equals("solutions") ? "pass" : "fail");
        assertThat(statuses).isSubsetOf("pass", "fail");
        // the run's summary page: ParamLab's summary once (the grading step is its only writer)
        String summary = Files.readString(Path.of(line(printed, "SUMMARY")));
        assertThat(summary.split("# ParamLab: ", -1)).hasSize(2);
        assertThat(summary.split("## Integrity", -1)).hasSize(2);
        assertThat(printed).contains("::stop-commands::paramlab-");
        // the reporter's own log, with the workflow's three runners, prints ParamLab's score as its total
        String log = ReporterLog.run(Files.readString(output), temp, "paramlab", "earned", "missed");
        assertThat(ReporterLog.total(log)).containsExactly(graded.get("score").asDouble(), 100.0);
        assertThat(ReporterLog.runnerTotals(log)).noneMatch(l -> l.startsWith("Total points for paramlab"));
    }

    private static String line(String printed, String key) {
        return printed.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow().substring(key.length() + 1);
    }
}
