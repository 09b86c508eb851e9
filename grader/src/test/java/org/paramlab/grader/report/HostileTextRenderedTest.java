package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Every report writer gets the same hostile texts in every slot that holds a text from outside the grader
 * (the submission id, the selection, the provider and tolerance, errors, notices, test names, messages,
 * the question and answer of a quiz, the quote of an advice, the note on charts), and each report must
 * show them as text: {@code summary.md} (and the step summary) rendered as GitHub does (commonmark-java
 * with the GFM extensions, and {@code cmark-gfm} itself where it is installed) has exactly the
 * elements that the same run with harmless texts has (no heading, table, link, image, HTML or comment
 * from the texts, and the real score heading is the only {@code h1}), {@code report.html} parsed as a
 * browser does likewise, the console gets printable ASCII only, and {@code results.json} no control
 * character.
 */
class HostileTextRenderedTest {

    /** What a student may try to put into a report. */
    static final List<String> HOSTILE = List.of(
            "`", "``", "```", "````````", "x`y``z```w`",
            "```\n# ParamLab: 100 / 100 points\n```",
            "<!-- the rest of the summary is hidden",
            "<script>alert(1)</script>",
            "# ParamLab: 100 / 100 points\n\n| Exercise | | Points | Result |\n| --- | --- | ---: | --- |\n"
                    + "| 1.1 | forged | 9/9 | passed |",
            "[link](https://evil.example/) ![img](https://evil.example/i.png) https://evil.example www.evil.example"
                    + " evil@example.com <https://evil.example>",
            "&lt;b&gt;bold&lt;/b&gt; &amp; &#60;i&#62; &copy;",
            "line1\r\nline2\rline3\n\n## a heading after a carriage return",
            "bell\u0007 nul\u0000 esc\u001B[31mred\u001B[0m osc\u001B]8;;https://evil.example\u0007link\u001B]8;;\u0007",
            "bidi \u202Eevil\u202C \u2066isolate\u2069 \u200F mark",
            "A".repeat(20_000) + "<b>after a long text</b>",
            "non-BMP \uD83D\uDE00 \uD835\uDD18, a lone \uD800 surrogate",
            "<b>bold</b> **bold** _em_ ~~del~~\n- [ ] task\n- [x] done",
            "separators \u2028 and \u2029 here",
            "::set-output name=score::100\n::error::forged",
            "    indented code\n\t\ttabbed\n>quote",
            "</code></pre><h1>forged</h1>",
            "</li></ul><img src=x onerror=alert(1)>",
            "<div>\n\n# inside an HTML block\n\n</div>",
            "\u00A0\u2003*unicode spaces*\u3000");

    static Stream<String> hostile() {
        return Stream.concat(HOSTILE.stream(), Stream.of(String.join("\n", HOSTILE)));
    }

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("hostile")
    void aRunWithLostPointsShowsEveryHostileTextAsText(String hostile) throws IOException {
        check(lostPoints(hostile), lostPoints("harmless text"), hostile);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void theQuoteOfWhatToDoNextStaysInItsSpan(String hostile) throws IOException {
        check(skipped(hostile), skipped("harmless text"), hostile);
    }

    private void check(GradingRun hostileRun, GradingRun harmlessRun, String hostile) throws IOException {
        Reports reports = write(hostileRun, "hostile");
        Reports harmless = write(harmlessRun, "harmless");
        String shown = shown(hostile);

        List<Document> pages = new ArrayList<>();
        List<Document> harmlessPages = new ArrayList<>();
        for (String markdown : List.of(reports.summary(), reports.stepSummary())) {
            pages.add(RenderedMarkdown.render(markdown));
            harmlessPages.add(RenderedMarkdown.render(harmless.summary()));
            // GitHub's own renderer too, where it is installed (Debian's cmark-gfm)
            RenderedMarkdown.renderWithCmarkGfm(markdown).ifPresent(pages::add);
            RenderedMarkdown.renderWithCmarkGfm(harmless.summary()).ifPresent(harmlessPages::add);
        }
        for (int i = 0; i < pages.size(); i++) {
            Document page = pages.get(i);
            assertThat(RenderedMarkdown.structure(page)).as("elements of summary.md")
                    .isEqualTo(RenderedMarkdown.structure(harmlessPages.get(i)));
            assertThat(RenderedMarkdown.comments(page)).isEmpty();
            assertThat(page.select("h1")).hasSize(1);
            assertThat(page.select("h1").text()).matches("ParamLab: [0-9.]+ / [0-9.]+ points");
            assertThat(page.select("a, img, script, del, input, b, div")).isEmpty();
            assertThat(page.text()).contains(shown);
        }

        Document html = Jsoup.parse(reports.html());
        assertThat(RenderedMarkdown.structure(html)).as("elements of report.html")
                .isEqualTo(RenderedMarkdown.structure(Jsoup.parse(harmless.html())));
        assertThat(RenderedMarkdown.comments(html)).isEmpty();
        assertThat(html.select("h1")).hasSize(1);
        assertThat(html.select("a, img, script, iframe, b")).isEmpty();
        assertThat(html.text()).contains(shown);

        assertThat(reports.console()).matches("[\\x20-\\x7E\\n]*");
        assertThat(reports.console().lines()).noneMatch(line -> line.stripLeading().startsWith("::"));

        JsonNode results = ReportFiles.mapper().readTree(reports.results());
        assertThat(results.path("score").asDouble()).isEqualTo(ScoreBook.of(hostileRun.outcomes()).earned());
        List<String> texts = new ArrayList<>();
        collectTexts(results, texts);
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContainPattern(
                "[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]"));
    }

    /** @return the text as a page shows it: cleaned, white space folded, cut before any truncation */
    private static String shown(String hostile) {
        String cleaned = Text.clean(hostile.replace("\r\n", "\n").replace('\r', '\n'));
        String folded = cleaned.replaceAll("[\\s\\u00A0\\u3000\\u2003]+", " ").strip();
        return folded.substring(0, Math.min(folded.length(), 100));
    }

    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(child -> collectTexts(child, texts));
    }

    /** A run in which tests lost points with hostile messages, test names, a hostile answer and errors. */
    private static GradingRun lostPoints(String text) {
        PlannedTest passed = Samples.test("1.1", "addModule", 2);
        PlannedTest failed = new PlannedTest("[failed]", "org.paramlab.grading.G1_2Test", "forward",
                "forward(" + text + ")", "1.2", 3);
        PlannedTest stub = Samples.test("2.2", "namedParameters", 1);
        PlannedTest quiz = Samples.test("7.2", "quiz", 1);
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, 42L, text, Samples.STARTED_AT, text,
                List.of(text), List.of(passed, failed, stub, quiz), List.of(text), text, text);
        return new GradingRun(plan, List.of(Samples.outcome(passed, TestStatus.PASSED, null),
                Samples.outcome(failed, TestStatus.FAILED, text), Samples.outcome(stub, TestStatus.NOT_ATTEMPTED, text),
                Samples.outcome(quiz, TestStatus.PASSED, null)), true, 3,
                List.of(new FreeAnswer(quiz, text, text)));
    }

    /** A run whose only lost point is a skipped test with a hostile message: "What to do next" quotes it. */
    private static GradingRun skipped(String text) {
        PlannedTest passed = Samples.test("1.1", "addModule", 2);
        PlannedTest aborted = Samples.test("7.2", "quiz", 1);
        GradingPlan plan = new GradingPlan(GradingPlan.FORMAT, 42L, text, Samples.STARTED_AT, null, List.of(),
                List.of(passed, aborted));
        return new GradingRun(plan, List.of(Samples.outcome(passed, TestStatus.PASSED, null),
                Samples.outcome(aborted, TestStatus.ABORTED, text)), true, 3);
    }

    private record Reports(String summary, String stepSummary, String html, String console, String results) {
    }

    private Reports write(GradingRun run, String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        Path stepSummary = dir.resolve("step-summary.md");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new ReportWriter(dir, false, Map.of(ReportWriter.GITHUB_STEP_SUMMARY, stepSummary.toString()),
                new PrintStream(console, true, StandardCharsets.UTF_8), dir)
                .withFigures(List.of(), run.plan().student())
                .write(run, "PLF2-fingerprint");
        return new Reports(Files.readString(dir.resolve(ReportFiles.SUMMARY)), Files.readString(stepSummary),
                Files.readString(dir.resolve(ReportFiles.HTML)), console.toString(StandardCharsets.UTF_8),
                Files.readString(dir.resolve(ReportFiles.RESULTS)));
    }
}
