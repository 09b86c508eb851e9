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
 * Classroom 50's release body ({@code courses/classroom50/autograder.py}) when the grader left no
 * {@code summary.md}: {@code results.json}'s plain-text output goes in a fenced block, so a forged heading,
 * table or {@code <!--} in it stays text on the release page.
 */
class ReleaseBodyTest {

    private static final List<Extension> GFM = List.of(TablesExtension.create());

    @TempDir
    Path temp;

    @Test
    void theOutputWithoutASummaryIsFenced() throws IOException, InterruptedException {
        String output = "ParamLab: 3/100 points\n````\n# ParamLab: 100 / 100 points\n\n| a | b |\n| - | - |\n"
                + "| 1 | 2 |\n<img src=x>\r\n<!-- the rest is hidden";
        Path results = Files.writeString(temp.resolve("results.json"),
                org.paramlab.grader.protocol.ReportFiles.mapper().createObjectNode().put("output", output).toString());
        String script = "import json, sys; sys.path.insert(0, sys.argv[1]); import autograder;"
                + " sys.stdout.write(autograder.body(json.load(open(sys.argv[2], encoding='utf-8')), sys.argv[3]))";
        ProcessBuilder python = new ProcessBuilder("python3", "-c", script,
                Fixtures.repository().resolve("courses/classroom50").toString(), results.toString(), temp.toString());
        Process process;
        try {
            process = python.redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no python3: " + e.getMessage());
            return;
        }
        String body = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(body).isZero();

        Document page = Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(GFM).escapeHtml(false).build()
                .render(Parser.builder().extensions(GFM).build().parse(body)));
        assertThat(page.select("h1, h2, table, img")).isEmpty();
        assertThat(page.select("pre code").text()).contains("# ParamLab: 100 / 100 points", "<!-- the rest is hidden");
        assertThat(page.html()).doesNotContain("<!--");
    }
}
