package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.MavenCommand;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.purity.StudentClasses;

/**
 * Watch mode, for self-study on a student's own machine: {@code mvn -q -o test-compile exec:java@watch}
 * (README, "Watch mode") grades once, then keeps running and re-grades on every save of a file in
 * {@code exercises/src/main/java/org/paramlab/nn}: it compiles the student's files in this JVM and grades
 * the exercises whose code is in the saved files, printing their table.
 *
 * <p>Each grading is the supervisor's, as {@code mvn test}'s: the student's classes are checked against
 * the rules and run in a fresh test JVM of their own, so a bad edit cannot poison the next run. This is a
 * convenience for the edit-grade loop, never a way to grade for a course: it compiles the student's code
 * in the watching JVM, and what it prints is only as trustworthy as the student's machine.
 *
 * <p>Options: those of {@link GradeMain}. It polls the files' times every {@value #POLL_MS} ms (portable,
 * and cheap for twenty files) and stops with Ctrl+C.
 */
public final class WatchMain {

    static final int POLL_MS = 25;

    /** Which exercise's code is in which file of {@code org/paramlab/nn} (the stubs' markers). */
    static final Map<String, Set<Exercise>> EXERCISES_BY_FILE = exercisesByFile();

    private final Map<String, String> options;
    private final Path sources;
    private final RunSettings settings;
    /** The course file's assignment: a save grades its exercises in the file saved, with its points. */
    private final org.paramlab.grader.assignment.Assignment assignment;
    private final PrintStream console;
    private int compilation;
    /** The test JVM started after the last run, for the next one. */
    private Supervisor.Spare spare;

    private WatchMain(Map<String, String> options, PrintStream console) {
        this.options = options;
        this.sources = Path.of(options.get("student-module")).resolve("src/main/java");
        // one seed for the whole session: a run differs from the last only by the student's edit
        AssignmentGrading.Chosen chosen = GradeMain.assignment(options, System::getProperty);
        this.settings = chosen.settings();
        this.assignment = chosen.assignment();
        this.console = console;
    }

    /**
     * @param args the options of {@link GradeMain}
     */
    public static void main(String[] args) throws InterruptedException {
        WatchMain watch = new WatchMain(GradeMain.parse(args), System.out);
        watch.console.println("ParamLab watch mode: grading now, then again on every save in "
                + watch.sources.resolve("org/paramlab/nn") + " (Ctrl+C to stop). For your own machine only: "
                + "a course grades with " + MavenCommand.MVN + " test or its own grader.");
        Map<Path, FileTime> seen = watch.snapshot();
        watch.grade(List.of(), System.nanoTime());
        while (true) {
            Thread.sleep(POLL_MS);
            Map<Path, FileTime> now = watch.snapshot();
            if (!now.equals(seen)) {
                long saved = System.nanoTime();
                // an editor may write a file in several steps: wait until it settles
                Map<Path, FileTime> settled;
                do {
                    settled = now;
                    Thread.sleep(20);
                    now = watch.snapshot();
                } while (!now.equals(settled));
                List<String> changed = changed(seen, now);
                seen = now;
                watch.grade(changed, saved);
            }
        }
    }

    /** The student's files and their modification times. */
    private Map<Path, FileTime> snapshot() {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.list(sources.resolve("org/paramlab/nn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        } catch (IOException e) {
            // a file removed while listing: the next poll sees the folder as it is
        }
        return times;
    }

    /** The names of the files added, removed or changed between two snapshots. */
    static List<String> changed(Map<Path, FileTime> before, Map<Path, FileTime> after) {
        Set<Path> all = new java.util.TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        return all.stream().filter(f -> !java.util.Objects.equals(before.get(f), after.get(f)))
                .map(f -> f.getFileName().toString()).toList();
    }

    /**
     * The exercises whose code is in {@code files}; every exercise when a file holds none (given code such as
     * {@code Parameter.java}, on which all of them depend) or when nothing is named (the first run).
     */
    static Set<Exercise> exercisesOf(List<String> files) {
        Set<Exercise> exercises = EnumSet.noneOf(Exercise.class);
        for (String file : files) {
            Set<Exercise> in = EXERCISES_BY_FILE.get(file);
            if (in == null) {
                return EnumSet.allOf(Exercise.class);
            }
            exercises.addAll(in);
        }
        return exercises.isEmpty() ? EnumSet.allOf(Exercise.class) : exercises;
    }

    private void grade(List<String> changed, long saved) {
        Set<Exercise> exercises = exercisesOf(changed);
        boolean all = exercises.size() == Exercise.values().length;
        String selection = all ? null : exercises.stream().filter(e -> !e.group().gate()).map(Exercise::id)
                .collect(Collectors.joining(","));
        console.println();
        console.println(changed.isEmpty() ? "Grading every exercise." : "Saved " + String.join(", ", changed) + ": grading "
                + (all ? "every exercise" : "exercise " + selection) + ".");
        Path classes = nextClassesFolder();
        StudentCompiler.Result compiled = StudentCompiler.compile(sources, classes,
                GradeMain.classpath(options.get("compile-classpath")));
        ExerciseSelection chosen = all ? settings.selection() : ExerciseSelection.parse(selection);
        if (assignment != null && !all) {
            Set<Exercise> in = EnumSet.noneOf(Exercise.class);
            in.addAll(chosen.exercises());
            in.retainAll(assignment.graded());
            if (in.isEmpty()) {
                console.println("None of the exercises in " + String.join(", ", changed) + " is part of the assignment '"
                        + assignment.name() + "': nothing to grade. Save a file of its exercises.");
                return;
            }
            chosen = ExerciseSelection.of(in, in.stream().filter(e -> !e.group().gate()).map(Exercise::id)
                    .collect(Collectors.joining(",")));
        }
        RunSettings run = new RunSettings(settings.seed(), settings.provider(), chosen, settings.errors(),
                settings.providerRequest(), settings.tree());
        GradingRequest request = GradeMain.request(options, run).withAssignment(assignment).withCode(new StudentClasses.Location(
                Supervisor.STUDENT_PACKAGE, sources, Path.of(options.get("student-module")).resolve("src/main/resources"),
                classes));
        if (!compiled.ok()) {
            // the reports say so too: none of them may show an earlier run's score as this code's
            request = request.withRefusals(List.of(compiled.describe()));
        }
        Supervisor supervisor = new Supervisor(request, console, Path.of("")).withSpare(spare);
        spare = null;
        try {
            supervisor.grade();
        } catch (RuntimeException e) {
            console.println("The grader failed: " + e);
        }
        try {
            // the next save is graded by a test JVM that has already started
            spare = supervisor.startSpare();
        } catch (IOException | RuntimeException e) {
            spare = null;
        }
        if (!compiled.ok()) {
            console.println("Not graded: fix the compilation errors above and save again.");
        }
        console.printf(Locale.ROOT, "(%s %.2f s after the save; watching)%n", compiled.ok() ? "graded" : "compiled",
                (System.nanoTime() - saved) / 1e9);
    }

    /** A new, empty folder for the next compilation; the older ones are deleted. */
    private Path nextClassesFolder() {
        // beside the supervisor's work folder, which each run empties
        Path work = Path.of(options.get("work-dir")).resolveSibling("paramlab-watch");
        Path out = work.resolve("classes-" + (++compilation));
        try {
            deleteOlder(work, out);
            return Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("watch mode: cannot prepare " + out, e);
        }
    }

    private static void deleteOlder(Path work, Path keep) throws IOException {
        if (!Files.isDirectory(work)) {
            return;
        }
        try (Stream<Path> old = Files.list(work)) {
            for (Path dir : old.filter(p -> !p.equals(keep)).toList()) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static Map<String, Set<Exercise>> exercisesByFile() {
        Map<String, Set<Exercise>> map = new LinkedHashMap<>();
        add(map, "Linear.java", "1.1", "1.2", "1.5");
        add(map, "ReLU.java", "1.3");
        add(map, "Sequential.java", "1.4");
        add(map, "Module.java", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5", "3.4", "5.2", "8.1", "8.2", "8.3");
        add(map, "ParameterManagement.java", "1.6");
        add(map, "Init.java", "3.1", "3.2", "3.3");
        add(map, "Initialization.java", "3.5");
        add(map, "LazyLinear.java", "4.1", "4.2");
        add(map, "LazyInitialization.java", "4.3");
        add(map, "TiedParameters.java", "5.1");
        add(map, "SGD.java", "5.3");
        add(map, "NestMLP.java", "6.1");
        add(map, "FixedHiddenMLP.java", "6.2");
        add(map, "CustomModels.java", "6.3");
        add(map, "SharedLayerTraining.java", "7.1");
        add(map, "WhyShareParameters.java", "7.2");
        return Map.copyOf(map);
    }

    private static void add(Map<String, Set<Exercise>> map, String file, String... ids) {
        Set<Exercise> exercises = EnumSet.noneOf(Exercise.class);
        for (String id : ids) {
            exercises.add(Exercise.byId(id));
        }
        map.put(file, Set.copyOf(exercises));
    }
}
