package org.paramlab.grader.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * What the attack classes share: ways to plant code in a submission, the checks every attack must leave
 * (a complete report of 100 points in all, in time), and the log of each attack's points and wall time,
 * written to {@code grader/target/attacks.md}.
 */
final class Attacks {

    private static final List<String> LOG = new ArrayList<>();

    private Attacks() {
    }

    /** Inserts {@code code} as the first statement of a method or constructor whose header is {@code header}. */
    static Submission hook(Submission submission, String className, String header, String code) {
        String source = submission.source(className);
        int at = source.indexOf(header);
        assertThat(at).as(header + " in " + className).isNotNegative();
        int brace = source.indexOf('{', at) + 1;
        return submission.withNn(className, source.substring(0, brace) + "\n        " + code + source.substring(brace));
    }

    /** Inserts {@code code} as the first statement of {@code Linear}'s constructor. */
    static Submission inLinear(Submission submission, String code) {
        return hook(submission, "Linear", "public Linear(int inFeatures, int outFeatures)", code);
    }

    /** @return the source of a class {@code Evil} of the student's package with this body */
    static String evil(String body) {
        return "package org.paramlab.nn;\n\nfinal class Evil {\n    private Evil() {\n    }\n\n" + body + "\n}\n";
    }

    /** Adds a row to {@code attacks.md}. */
    static synchronized void log(String name, AttackRunner.Graded graded, String statuses) {
        LOG.add("| " + name + " | " + graded.earned() + " | " + graded.wall().toMillis() / 1000.0 + " s | "
                + statuses + " |");
    }

    /** Checks what every attack must leave: a complete report of 100 points in all, in time. */
    static AttackRunner.Graded complete(String name, AttackRunner.Graded graded, double expectedPoints,
                                        Duration limit) throws IOException {
        log(name, graded, graded.result().run().outcomes().stream().filter(o -> o.status() != TestStatus.PASSED)
                .map(o -> o.status().label()).distinct().sorted().toList().toString());
        assertThat(graded.max()).as(name + ": the maximum score").isEqualTo(100.0);
        assertThat(graded.earned()).as(name + ": the points it gained\n" + graded.messages()).isEqualTo(expectedPoints);
        assertThat(graded.wall()).as(name + ": wall time\n" + graded.messages()).isLessThan(limit);
        assertThat(graded.result().run().outcomes()).as(name + ": every test has an outcome")
                .allMatch(o -> o.status() != null);
        assertThat(graded.reportDir().resolve("results.json")).exists();
        assertThat(graded.reportDir().resolve("summary.md")).exists();
        String html = Files.readString(graded.reportDir().resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).as(name + ": report.html, whole").startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<span id=\"score\" data-score=\"" + expectedPoints + "\">").doesNotContain("<script");
        assertThat(graded.console()).contains("TOTAL").contains(expectedPoints == 0 ? " 0/100" : "/100");
        return graded;
    }

    /** Checks that the rules gate blocked the attack: rule {@code rule} fails naming {@code detail}, the rest is blocked. */
    static AttackRunner.Graded blocked(String name, AttackRunner.Graded graded, String rule, String... detail)
            throws IOException {
        complete(name, graded, 0, Duration.ofSeconds(60));
        assertThat(graded.result().run().outcomes()).filteredOn(o -> !o.test().exercise().startsWith("0."))
                .allMatch(o -> o.status() == TestStatus.BLOCKED);
        TestOutcome ruleRow = graded.result().run().outcomes().stream()
                .filter(o -> o.test().methodName().equals(rule)).findFirst().orElseThrow();
        assertThat(ruleRow.status()).as(name + ": rule " + rule).isEqualTo(TestStatus.FAILED);
        assertThat(ruleRow.message()).contains(detail);
        return graded;
    }

    /** Writes every row logged so far in this JVM to {@code target/attacks.md}. */
    static synchronized void writeLog() throws IOException {
        Path file = Path.of("target", "attacks.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "| attack | points gained | wall time | statuses other than passed |\n"
                + "| --- | --- | --- | --- |\n" + String.join("\n", LOG) + "\n", StandardCharsets.UTF_8);
    }
}
