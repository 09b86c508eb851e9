package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classroom 50's release body ({@code courses/classroom50/autograder.py}). When the grader left no
 * {@code summary.md}, {@code results.json}'s plain-text output goes in a fenced block, so a forged heading,
 * table or {@code <!--} in it stays text on the release page; a body over 60,000 characters is cut, and a
 * block left open by the cut is closed before the note that says so.
 */
class ReleaseBodyTest {

    private static final List<Extension> GFM = List.of(TablesExtension.create());

    @TempDir
    Path temp;

    @Test
    void theOutputWithoutASummaryIsFenced() throws IOException, InterruptedException {
        String output = "ParamLab: 3/100 points\n````\n# ParamLab: 100 / 100 points\n\n| a | b |\n| - | - |\n"
                + "| 1 | 2 |\n<img src=x>\r\n<!-- the rest is hidden";
        String body = body(output, temp);

        Document page = render(body);
        assertThat(page.select("h1, h2, table, img")).isEmpty();
        assertThat(page.select("pre code").text()).contains("# ParamLab: 100 / 100 points", "<!-- the rest is hidden");
        assertThat(page.html()).doesNotContain("<!--");
    }

    /** A summary cut inside a fenced block: the block is closed before the note, which is shown as text. */
    @Test
    void aBodyCutInsideACodeBlockClosesItBeforeTheNote() throws IOException, InterruptedException {
        // as MarkdownSummaryWriter writes it: a heading, a table, then a long message in a block whose fence is
        // longer than the runs of backticks in it (a ``` line inside does not close it)
        StringBuilder summary = new StringBuilder("# ParamLab: 3 / 100 points\n\n| exercise | points |\n| - | - |\n"
                + "| linear | 3 |\n\n````text\n```\n");
        for (int i = 0; summary.length() < 80_000; i++) {
            summary.append("at org.paramlab.nn.Linear.forward(Linear.java:").append(i).append(")\n");
        }
        summary.append("````\n\n## after the block\n");
        Files.writeString(temp.resolve("summary.md"), summary);
        String body = body("", temp);

        assertThat(body.length()).isLessThanOrEqualTo(60_000);
        assertThat(body).endsWith("_(cut here: the feedback is longer than a release may show)_\n");
        Document page = render(body);
        assertThat(page.select("pre code")).hasSize(1);
        assertThat(page.select("pre code").text()).contains("Linear.java:1)").doesNotContain("cut here");
        assertThat(page.select("p > em").text()).contains("cut here: the feedback is longer");
        assertThat(page.select("h1").text()).isEqualTo("ParamLab: 3 / 100 points");
        assertThat(page.select("h2")).isEmpty(); // cut before it
    }

    /** The same in a list item, whose block is indented: it is closed with its own indent. */
    @Test
    void aBodyCutInsideAnIndentedCodeBlockClosesIt() throws IOException, InterruptedException {
        StringBuilder summary = new StringBuilder("# ParamLab: 0 / 100 points\n\n- linear: failed\n\n  ```text\n");
        for (int i = 0; summary.length() < 70_000; i++) {
            summary.append("  expected 1.0 but was ").append(i).append("\n");
        }
        Files.writeString(temp.resolve("summary.md"), summary.append("  ```\n"));
        String body = body("", temp);

        assertThat(body.length()).isLessThanOrEqualTo(60_000);
        Document page = render(body);
        assertThat(page.select("li pre code").text()).contains("expected 1.0 but was 1").doesNotContain("cut here");
        assertThat(page.select("p > em").text()).contains("cut here");
    }

    /** A body cut outside any block (here in a long table) gets the note as it was, and nothing else. */
    @Test
    void aBodyCutOutsideABlockAddsNoFence() throws IOException, InterruptedException {
        StringBuilder summary = new StringBuilder("# ParamLab\n\n| test | result |\n| - | - |\n");
        for (int i = 0; summary.length() < 70_000; i++) {
            summary.append("| test ").append(i).append(" | `passed` |\n");
        }
        Files.writeString(temp.resolve("summary.md"), summary);
        String body = body("", temp);

        assertThat(body.length()).isLessThanOrEqualTo(60_000);
        assertThat(body).doesNotContain("```\n\n_(cut");
        Document page = render(body);
        assertThat(page.select("pre")).isEmpty();
        assertThat(page.select("p > em").text()).contains("cut here");
    }

    /** autograder.body() of a results.json whose output is the given text, with the grader's files in out. */
    private String body(String output, Path out) throws IOException, InterruptedException {
        Path results = Files.writeString(temp.resolve("results.json"),
                org.paramlab.grader.protocol.ReportFiles.mapper().createObjectNode().put("output", output).toString());
        String script = "import json, sys; sys.path.insert(0, sys.argv[1]); import autograder;"
                + " sys.stdout.write(autograder.body(json.load(open(sys.argv[2], encoding='utf-8')), sys.argv[3]))";
        ProcessBuilder python = new ProcessBuilder("python3", "-c", script,
                Fixtures.repository().resolve("courses/classroom50").toString(), results.toString(), out.toString());
        python.environment().put("PYTHONIOENCODING", "utf-8");
        Process process;
        try {
            process = python.redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no python3: " + e.getMessage());
            throw e;
        }
        String body = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(body).isZero();
        return body;
    }

    /** The body as GitHub renders a release page (CommonMark, GFM tables, raw HTML kept). */
    private static Document render(String body) {
        return Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(GFM).escapeHtml(false).build()
                .render(Parser.builder().extensions(GFM).build().parse(body)));
    }
}
