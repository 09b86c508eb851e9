package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRenderedTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "`", "``", "a`b", "``x```", "` starts", "ends `", " padded ", "",
            "<!-- hide", "<b>bold</b>", "[l](https://e.x)", "https://e.x www.e.x a@e.x", "&lt;i&gt; &amp;",
            "| a | b |", "*em* _em_ ~~del~~"})
    void aCodeSpanHoldsAnyTextAsItIs(String text) {
        Document page = RenderedMarkdown.render("Graded " + Markdown.code(text) + ", all exercises.");
        assertThat(RenderedMarkdown.structure(page)).containsExactly("body", "p", "code");
        // on one line, stripped; a single space when nothing is left
        assertThat(page.selectFirst("code").wholeText()).isEqualTo(text.isBlank() ? " " : text.strip());
        assertThat(page.body().text()).startsWith("Graded ").endsWith(", all exercises.");
    }

    @Test
    void aCodeSpanIsOneLineSoNoLineOfItStartsABlock() {
        Document page = RenderedMarkdown.render("- " + Markdown.code("x\n# ParamLab: 100 / 100 points\n<!--") + "\n");
        assertThat(RenderedMarkdown.structure(page)).containsExactly("body", "ul", "li", "code");
        assertThat(page.selectFirst("code").text()).isEqualTo("x # ParamLab: 100 / 100 points <!--");
    }

    @Test
    void aBlocksFenceIsLongerThanAnyRunOfBackticksInside() {
        String text = "```\n# forged\n````\n<!--\r\n\u001B[31m``````` seven";
        String block = Markdown.block(text, "  ");
        assertThat(block).startsWith("  ````````text\n").endsWith("\n  ````````\n");
        Document page = RenderedMarkdown.render("- item\n\n" + block + "\n# ParamLab: 3 / 9 points\n");
        assertThat(RenderedMarkdown.structure(page)).containsExactly("body", "ul", "li", "p", "pre", "code", "h1");
        assertThat(page.selectFirst("pre").wholeText())
                .isEqualTo("```\n# forged\n````\n<!--\n[31m``````` seven\n");
    }

    @Test
    void aBlockNeedsAnIndentOfSpaces() {
        assertThatThrownBy(() -> Markdown.block("x", "> ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spaces");
    }

    @Test
    void aCellEscapesThePipesOfItsSpan() {
        Document page = RenderedMarkdown.render("| a | b |\n| --- | --- |\n| " + Markdown.cell("x | y `z`") + " | 2 |\n");
        assertThat(page.select("td")).hasSize(2);
        assertThat(page.selectFirst("td code").text()).isEqualTo("x | y `z`");
    }
}
