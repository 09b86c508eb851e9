package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.paramlab.grader.protocol.Exercise;

/** Watch mode's choice of what to grade after a save. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class WatchMainTest {

    @Test
    void aSavedFileGradesTheExercisesWhoseCodeItHolds() {
        assertThat(WatchMain.exercisesOf(List.of("Linear.java")))
                .containsExactlyInAnyOrder(Exercise.E1_1, Exercise.E1_2, Exercise.E1_5);
        assertThat(WatchMain.exercisesOf(List.of("ReLU.java", "SGD.java"))).containsExactlyInAnyOrder(Exercise.E1_3,
                Exercise.E5_3);
        assertThat(WatchMain.exercisesOf(List.of("Parameter.java"))).as("given code: everything depends on it")
                .isEqualTo(EnumSet.allOf(Exercise.class));
        assertThat(WatchMain.exercisesOf(List.of())).as("the first run").isEqualTo(EnumSet.allOf(Exercise.class));
    }

    @Test
    void changedNamesAddedRemovedAndEditedFiles() {
        Map<Path, FileTime> before = new TreeMap<>(Map.of(Path.of("a/A.java"), FileTime.fromMillis(1),
                Path.of("a/B.java"), FileTime.fromMillis(1)));
        Map<Path, FileTime> after = new TreeMap<>(Map.of(Path.of("a/A.java"), FileTime.fromMillis(2),
                Path.of("a/C.java"), FileTime.fromMillis(1)));
        assertThat(WatchMain.changed(before, after)).containsExactly("A.java", "B.java", "C.java");
        assertThat(WatchMain.changed(after, after)).isEmpty();
    }

    /** The map agrees with the solutions' markers ({@code // BEGIN SOLUTION 2.2 ...}), file by file. */
    @Test
    void theMapIsTheSolutionsMarkers() throws IOException {
        Path solutions = Path.of("").toAbsolutePath().getParent().resolve("solutions/src/main/java/org/paramlab/nn");
        Map<String, Set<String>> expected = new TreeMap<>();
        Pattern marker = Pattern.compile("// BEGIN SOLUTION (\\d+\\.\\d+) ");
        try (Stream<Path> files = Files.list(solutions)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = marker.matcher(Files.readString(file));
                while (m.find()) {
                    expected.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        Map<String, Set<String>> actual = new TreeMap<>();
        WatchMain.EXERCISES_BY_FILE.forEach((file, exercises) -> actual.put(file,
                new TreeSet<>(exercises.stream().map(Exercise::id).toList())));
        assertThat(actual).isEqualTo(expected);
    }
}
