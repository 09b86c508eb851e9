package org.paramlab.grader.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.attack.Attacks.complete;
import static org.paramlab.grader.attack.Attacks.evil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Honest bugs that make the grader's own output large: the training record, charts and heatmaps the
 * test JVM publishes about the student's code. Each must cost only the points of the tests it fails,
 * never void the run: the test JVM bounds what it publishes at the source (with a note), and the
 * supervisor accepts exactly what the test JVM may send ({@link ChannelLimits}). Graded by the real
 * grader ({@link AttackRunner}); points and wall time go to {@code grader/target/attacks.md}.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class PublicationAttacksTest {

    @TempDir
    Path temp;

    @AfterAll
    static void writeFigures() throws IOException {
        Attacks.writeLog();
    }

    private static Submission train(String replaced, String by) {
        String source = Submission.solutions().source("SharedLayerTraining");
        assertThat(source).contains(replaced);
        return Submission.solutions().withNn("SharedLayerTraining", source.replace(replaced, by));
    }

    private static void notVoided(String name, AttackRunner.Graded graded) {
        assertThat(graded.result().tampering()).as(name + ": tampering").isEmpty();
        assertThat(graded.result().run().outcomes()).as(name).noneMatch(o -> o.status() == TestStatus.VOIDED);
    }

    private static String html(AttackRunner.Graded graded) throws IOException {
        return Files.readString(graded.reportDir().resolve("report.html"), StandardCharsets.UTF_8);
    }

    /**
     * 7.1's train() returns 1,500 steps (its 10 real ones, then copies of the last): published whole, the
     * record was a 5.8 MB frame, over the supervisor's 4 MB, and the run was void (measured on main, dc08792:
     * 0 points, "frame of 5792781 bytes announced; the limit is 4194304"). Now it loses the 5 points
     * of the tests that count the steps, and training-record.json keeps the first 100 steps, saying so.
     */
    @Test
    void aTrainingRecordOf1500Steps() throws IOException {
        Submission attack = train("return new TrainingRecord(record, last);",
                "while (record.size() < 1500) { record.add(record.get(record.size() - 1)); }\n"
                        + "        return new TrainingRecord(record, last);");
        AttackRunner.Graded graded = complete("training-record-of-1500-steps", new AttackRunner(temp)
                .grade("record", attack), 95, Duration.ofSeconds(150));
        notVoided("training-record-of-1500-steps", graded);
        String record = Files.readString(graded.reportDir().resolve("training-record.json"), StandardCharsets.UTF_8);
        assertThat(record.length()).isLessThanOrEqualTo(ChannelLimits.MAX_ARTIFACT);
        assertThat(record).contains("\"note\" : \"the record had 1,500 steps; the first 100 are drawn\"");
        assertThat(html(graded)).contains("the record had 1,500 steps; the chart draws all of them;"
                + " training-record.json details at most the first 100");
    }

    /**
     * 7.1's train() records, at every step, a 300,000-value tensor under a 5,000-character name: ten steps
     * of it were a 15 MB frame, a void run on main (0 points, "frame of 15092221 bytes announced"). Now it
     * loses the 2 points of the tests that compare the parameters' names, and the file keeps 200 characters
     * of a name and 4,096 values of a tensor.
     */
    @Test
    void aTrainingRecordWithAHugeTensorUnderAHugeName() throws IOException {
        Submission attack = train("named.forEach((name, p) -> values.put(name, p.data().clone()));",
                "named.forEach((name, p) -> values.put(name, p.data().clone()));\n"
                        + "            values.put(\"x\".repeat(5000), Tensor.zeros(300_000));");
        AttackRunner.Graded graded = complete("training-record-huge-tensor", new AttackRunner(temp)
                .grade("tensor", attack), 98, Duration.ofSeconds(150));
        notVoided("training-record-huge-tensor", graded);
        String record = Files.readString(graded.reportDir().resolve("training-record.json"), StandardCharsets.UTF_8);
        assertThat(record.length()).isLessThanOrEqualTo(ChannelLimits.MAX_ARTIFACT);
        assertThat(record).contains("names are cut to 200 characters").contains("the first 4096 values of a tensor");
    }

    /**
     * Every Linear's output is off by half, so each failed comparison brings a heatmap, and every sixtieth
     * call spins forever, ignoring interrupts, so a fresh test JVM takes over, again and again. On main
     * (dc08792) the heatmap limit counted per test JVM (3, reset in each): this run drew 8 heatmaps over 3
     * test JVMs (70.5 points, not voided); with enough JVMs they would cross the run's chart limit (32),
     * which the supervisor calls tampering. Now both limits count per run: at most 3 heatmaps, whatever
     * the number of test JVMs, and the report says the limit was reached.
     */
    @Test
    void heatmapsFromManyReplacementTestJvms() throws IOException {
        String source = Submission.solutions().source("Linear");
        String result = "return Tensor.addmm(bias, x, weight.t());";
        assertThat(source).contains(result);
        Submission attack = Submission.solutions().withNn("Linear", source.replace(result,
                "if (Evil.tick()) { while (Evil.spin()) { Math.sqrt(2); } }\n"
                        + "        return Tensor.addmm(bias, x, weight.t()).mul(1.5f);"))
                .withNn("Evil", evil("""
                    private static int calls;

                    static boolean tick() {
                        return ++calls % 60 == 0;
                    }

                    static boolean spin() {
                        return true;
                    }"""));
        AttackRunner.Graded graded = new AttackRunner(temp).budget(Duration.ofSeconds(200))
                .testTimeout(Duration.ofSeconds(2)).grade("heatmaps", attack);
        System.out.println("[heatmaps] " + graded.earned() + " points, " + graded.result().testJvms().size()
                + " test JVMs, " + graded.wall().toMillis() + " ms\n" + String.join("\n", graded.result().testJvms()));
        // its points depend on where the spins fall on a loaded machine: only a void would be wrong
        assertThat(graded.earned()).as("points of a run that failed many comparisons").isBetween(50.0, 99.0);
        complete("heatmaps-across-test-jvms", graded, graded.earned(), Duration.ofSeconds(260));
        notVoided("heatmaps-across-test-jvms", graded);
        assertThat(graded.result().testJvms().size()).as("test JVMs").isGreaterThan(1);
        Matcher heatmaps = Pattern.compile("data-kind=\"?heatmap").matcher(html(graded));
        int drawn = 0;
        while (heatmaps.find()) {
            drawn++;
        }
        assertThat(drawn).as("heatmaps drawn").isBetween(1, ChannelLimits.MAX_HEATMAPS);
        if (drawn == ChannelLimits.MAX_HEATMAPS) {
            assertThat(graded.summary()).contains("mismatch heatmaps of the first 3 failed comparisons of a run");
        }
    }
}
