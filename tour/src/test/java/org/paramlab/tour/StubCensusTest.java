package org.paramlab.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.protocol.Exercise;

/** The stubs still in the learner's code, and the tour's next exercise from them. */
class StubCensusTest {

    @TempDir
    Path dir;

    @Test
    void theUntouchedExercisesHaveAStubOfEveryExerciseAndTheSolutionsNone() {
        Set<Exercise> stubs = StubCensus.scan(Path.of("..", "exercises", "src", "main", "java"));
        Set<Exercise> all = EnumSet.allOf(Exercise.class);
        all.removeIf(e -> e.group().gate());
        assertThat(stubs).isEqualTo(all);
        assertThat(StubCensus.scan(Path.of("..", "solutions", "src", "main", "java"))).isEmpty();
    }

    @Test
    void aStubInACommentOrAStringDoesNotCountNorDoesAnUnknownId() throws Exception {
        Files.writeString(dir.resolve("Linear.java"), """
                package org.paramlab.nn;
                class Linear {
                    // throw new NotImplementedException("1.1 Linear(inFeatures, outFeatures)");
                    String s = "new NotImplementedException(\\"1.2 Linear.forward\\")";
                    void a() { throw new org.paramlab.exercise.NotImplementedException("2.3 Module.children"); }
                    void b() { throw new NotImplementedException("99.9 Made.up"); }
                    void c() { throw new NotImplementedException(prefix() + "3.1"); }
                    void d( { broken source still parses into what it can
                }
                """);
        assertThat(StubCensus.scan(dir)).containsExactly(Exercise.E2_3);
        assertThat(StubCensus.scan(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void theTourNamesTheFirstExerciseInReportOrderStillAStubAndTheCellThatNeedsIt() {
        CellResult needs14 = new CellResult("d2l", "In [1]", "m", "x", "", "", Status.NOT_IMPLEMENTED,
                "do exercise 1.4 Sequential(Module...) first", List.of(), "1.4 Sequential(Module...)");
        assertThat(summary(List.of(needs14), EnumSet.of(Exercise.E1_1, Exercise.E1_4)))
                .contains("Next: do exercise 1.1 (Linear: weight and bias, default initialization), then grade it with"
                        + " `./mvnw test -Dexercise=1.1` and run the tour again.");
        assertThat(summary(List.of(needs14), EnumSet.of(Exercise.E1_4, Exercise.E6_1)))
                .contains("Next: do exercise 1.4 (Sequential: children 0, 1, ..., get, forward), which cell d2l In [1]"
                        + " needs, then grade it with `./mvnw test -Dexercise=1.4`");
        CellResult same = new CellResult("d2l", "In [1]", "m", "x", "1\n", "1\n", Status.SAME, "", List.of(), null);
        assertThat(summary(List.of(same), EnumSet.noneOf(Exercise.class)))
                .contains("Every cell runs in Java and prints what PyTorch printed.");
    }

    private static String summary(List<CellResult> results, Set<Exercise> stubs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TourPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, true).summary(results, 1, stubs);
        return bytes.toString(StandardCharsets.UTF_8).replace("mvnw.cmd", "./mvnw");
    }
}
