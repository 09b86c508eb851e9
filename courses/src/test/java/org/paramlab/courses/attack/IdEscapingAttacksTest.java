package org.paramlab.courses.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paramlab.courses.ClassroomReporter;
import org.paramlab.courses.GraderHome;
import org.paramlab.courses.SubmissionReport;
import org.paramlab.courses.TrustedGrader;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * Course grading of a complete submission whose id is hostile: a Classroom 50 {@code submit/*} tag that a
 * student pushes (git allows backticks, {@code <}, {@code >} and {@code !} in a tag), or a {@code --id} or
 * file name with spaces and line breaks. The id must stay inside its code span in {@code summary.md}
 * rendered as GitHub does, inside its element in {@code report.html}, and out of the Classroom reporter's
 * feedback; the submission keeps its 100 points, and the id is kept as it was in {@code submission.json}.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class IdEscapingAttacksTest {

    private static final List<Extension> GFM = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static GraderHome home;

    @TempDir
    Path temp;

    @BeforeAll
    static void pristineGrader() {
        home = GraderHome.fromRepository(repository());
    }

    static Stream<String> ids() {
        return Stream.of("submit/1`<img_src=x_onerror=alert(1)>`**bold**<!--",
                "x`` y\n# ParamLab: 100 / 100 points\r\n| a | b |\n<!-- [l](https://evil.example) \u001B[2J\u202Eevil");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void aHostileIdStaysInItsSpan(String id) throws IOException {
        Path out = temp.resolve("out");
        long start = System.nanoTime();
        SubmissionReport report = new TrustedGrader(home).grade(id, copy(repository().resolve("solutions/src/main/java/org/paramlab/nn"),
                temp.resolve("submission")), out, temp.resolve("work"), TrustedGrader.Options.defaults().seed(7L));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("id attack %s: %s points, status %s, %.1f s of a %d s budget%n", id.lines().findFirst()
                .orElse(""), report.score(), report.status(), wall.toMillis() / 1000.0, report.budgetSeconds());

        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.id()).isEqualTo(id);
        String summary = Files.readString(out.resolve(ReportFiles.SUMMARY), StandardCharsets.UTF_8);
        Document page = Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(GFM).escapeHtml(false).build()
                .render(Parser.builder().extensions(GFM).build().parse(summary)));
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.select("h1").text()).isEqualTo("ParamLab: 100 / 100 points");
        assertThat(page.select("table")).hasSize(1);
        assertThat(page.select("a, img, strong:contains(bold), b, script")).isEmpty();
        assertThat(comments(page)).isEmpty();
        String shown = id.replaceAll("[\\u001B\\u202E]", "").replaceAll("\\s+", " ").strip();
        assertThat(page.selectFirst("p:contains(Graded) code").text()).isEqualTo(shown);

        Document html = Jsoup.parse(out.resolve(ReportFiles.HTML).toFile(), "UTF-8");
        assertThat(html.select("h1")).hasSize(1);
        assertThat(html.select("a, img, script, b")).isEmpty();
        assertThat(comments(html)).isEmpty();

        JsonNode results = ReportFiles.mapper().readTree(out.resolve(ReportFiles.RESULTS).toFile());
        String reporter = new String(Base64.getDecoder().decode(ClassroomReporter.encode(results)), StandardCharsets.UTF_8);
        assertThat(reporter).doesNotContain("\u001B", "\u202E");
        for (JsonNode test : ReportFiles.mapper().readTree(reporter).path("tests")) {
            assertThat(test.path("test_code").asText().lines()).noneMatch(l -> l.stripLeading().startsWith("::"));
        }
    }

    private static List<String> comments(Document page) {
        List<String> comments = new ArrayList<>();
        page.traverse((node, depth) -> {
            if (node instanceof Comment comment) {
                comments.add(comment.getData());
            }
        });
        return comments;
    }

    /** @return the repository root (the courses module runs its tests in courses/) */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("grader")) ? here : here.getParent();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(p -> !p.toString().contains("/target/")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
