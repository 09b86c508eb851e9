package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch of mixed submissions into a gradebook: each costs only its own row. */
class GradeAllTest {

    @TempDir
    Path temp;

    @Test
    void gradesAMixedBatchIntoAGradebook() throws IOException {
        Path submissions = Files.createDirectories(temp.resolve("submissions"));
        Fixtures.copy(Fixtures.solutions(), submissions.resolve("alice"));
        Fixtures.zip(Fixtures.stubs(), "", submissions.resolve("bob.zip"));
        Path partial = Fixtures.copy(Fixtures.stubs(), submissions.resolve("carol"));
        Files.copy(Fixtures.solutions().resolve("ReLU.java"), partial.resolve("ReLU.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path broken = Fixtures.copy(Fixtures.solutions(), submissions.resolve("dave"));
        Fixtures.write(broken.resolve("Oops.java"), "package org.paramlab.nn;\nclass Oops { int x = ; }\n");
        Path loops = Fixtures.copy(Fixtures.solutions(), submissions.resolve("erin"));
        String linear = Files.readString(loops.resolve("Linear.java"));
        int at = linear.indexOf("public Linear(int inFeatures, int outFeatures)");
        int brace = linear.indexOf('{', at) + 1;
        Files.writeString(loops.resolve("Linear.java"), linear.substring(0, brace)
                + " while (Spin.on()) { Math.sqrt(2); } " + linear.substring(brace));
        Fixtures.write(loops.resolve("Spin.java"), "package org.paramlab.nn;\nfinal class Spin {\n"
                + "    static boolean on() {\n        return true;\n    }\n}\n");
        Fixtures.copy(Fixtures.solutions(), submissions.resolve("alice.zip-dir-not-a-zip"));
        Fixtures.zip(Fixtures.solutions(), "", submissions.resolve("alice.zip"));
        Fixtures.write(submissions.resolve("README.txt"), "not a submission\n");

        long start = System.nanoTime();
        List<Gradebook.Row> rows = GradeAll.grade(Fixtures.home(), submissions, temp.resolve("out"), 2,
                // the budget covers compiling too: room for a busy machine, where two runs share each core with others
                TrustedGrader.Options.defaults().budget(Duration.ofSeconds(60)));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        Map<String, Gradebook.Row> byId = rows.stream().collect(Collectors.toMap(Gradebook.Row::id, r -> r));
        assertThat(byId).containsOnlyKeys("alice", "alice~2", "alice.zip-dir-not-a-zip", "bob", "carol", "dave", "erin");
        assertThat(byId.get("alice").report().score()).isEqualTo(100.0);
        assertThat(byId.get("alice~2").note()).startsWith("duplicate id: alice.zip and alice are both alice");
        assertThat(byId.get("alice~2").report().score()).isEqualTo(100.0);
        assertThat(byId.get("bob").report().score()).isZero();
        assertThat(byId.get("carol").report().score()).isEqualTo(1.0);
        assertThat(byId.get("dave").report().status()).isEqualTo(SubmissionReport.COMPILE_ERROR);
        assertThat(byId.get("erin").report().status()).isEqualTo(SubmissionReport.TIMED_OUT);
        assertThat(wall).isLessThan(Duration.ofSeconds(300));

        List<String> gradebook = Files.readAllLines(temp.resolve("out/gradebook.csv"));
        assertThat(gradebook.get(0)).startsWith("id,total,1.1,1.2,1.3,").endsWith(",status,seed,duration_s,fingerprint,note");
        assertThat(gradebook).hasSize(8);
        assertThat(gradebook.stream().filter(l -> l.startsWith("carol,")).findFirst().orElseThrow())
                .startsWith("carol,1,0,0,1,0,");
        assertThat(temp.resolve("out/erin/results.json")).exists();
        assertThat(temp.resolve("out/dave/submission.json")).exists();
        assertThat(temp.resolve("out/.work")).doesNotExist();
    }
}
