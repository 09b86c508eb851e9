package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.figures.Figures;

class HtmlReportWriterTest {

    private static ReportFigure loss(String note, boolean student) {
        var pytorch = Figures.overIndex("PyTorch", Figure.Series.LINE, new float[] {3f, 2f, 1.5f, 1.2f});
        var series = student ? List.of(pytorch, Figures.overIndex("your code", Figure.Series.LINE,
                new float[] {3f, 2.1f, Float.NaN, 1.3f})) : List.of(pytorch);
        return new ReportFigure(Samples.test("2.2", "namedParameters", 3), "loss",
                Figures.xy("loss <per> step & \"more\"", "step", "loss", note, series));
    }

    private static ReportFigure heatmap() {
        Figures.mismatch("net(X) <b>", new int[] {3, 4}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                new float[] {1, 2, 3, 4, 5, 6, 0, 8, 9, Float.NaN, 11, 12}, 6, "net(X) <b>: 2 of 12 differ");
        Figure figure = Figures.takeMismatch("net(X) <b>: 2 of 12 differ\n  more");
        assertThat(figure).isNotNull();
        return new ReportFigure(Samples.test("2.2", "namedParameters", 3), "mismatch", figure);
    }

    @Test
    void rendersScoreFeedbackAndChartsAsOneSelfContainedPage() {
        GradingRun run = Samples.mixed();
        String html = HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()),
                List.of(loss(null, true), heatmap()), null, "abc123");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<span id=\"score\" data-score=\"3.0\">3</span>")
                .contains("Module.namedParameters: expected 4 names but was 3")
                .contains("loss &lt;per&gt; step &amp; &#34;more&#34;")
                .contains("net(X) &lt;b&gt;").doesNotContain("<b>")
                .doesNotContain("<script").doesNotContain("http://www.w3.org/Graphics/SVG/1.1/DTD")
                .doesNotContain("<?xml").contains("abc123");
        assertThat(html.split("<svg", -1)).hasSize(1 + 4);
        assertThat(html).contains("id=\"c1-").contains("id=\"c2e-").contains("id=\"c2a-").contains("id=\"c2d-");
        assertThat(html).doesNotContainPattern("(src|href)=\"https?:");
        // the heatmap's caption: the tensor's shape, the first mismatch, and the colour scales in words
        assertThat(html).contains("shape [3, 4], first mismatch at index [1, 2] (element 6 of 12)")
                .contains("from blue (-12.00) through white (0) to red (12.00)")
                .contains("|actual - expected| goes from white (0) to dark red (7.000; the largest difference shown is 7.000)")
                .contains("Row 0 is at the top");
    }

    @Test
    void saysWhenTheStudentsSeriesAreMissingAndWhenChartsAreOmitted() {
        GradingRun run = Samples.mixed();
        String html = HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()),
                List.of(loss(Figures.NO_VALUES_YET, false)), null, null);
        assertThat(html).contains("<span class=\"empty\">" + Figures.NO_VALUES_YET + "</span>").contains("<svg");
        String voided = HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()), List.of(loss(null, true)),
                "Charts omitted: the run is void", null);
        assertThat(voided).contains("Charts omitted: the run is void").doesNotContain("<svg");
    }

    @Test
    void aFigureFromTheTestJvmIsCheckedBeforeItIsDrawn() {
        Figure ok = loss(null, true).figure();
        assertThat(Figure.parse(ok.toJson())).isEqualTo(ok);
        String json = ok.toJson();
        assertThatThrownBy(() -> Figure.parse(json.replace("\"xy\"", "\"pie\""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Figure.parse(json.replace("\"line\"", "\"x\""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Figure.parse(json.replace("{\"kind\"", "{\"extra\":1,\"kind\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Figure.parse("x".repeat(Figure.MAX_JSON + 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Figure.parse("{\"kind\":\"xy\",\"title\":\"t\",\"series\":[{\"label\":\"a\","
                + "\"style\":\"line\",\"x\":[1,2],\"y\":[1]}]}")).isInstanceOf(IllegalArgumentException.class);
        StringBuilder many = new StringBuilder("[0");
        for (int i = 0; i < Figure.MAX_POINTS; i++) {
            many.append(",0");
        }
        String big = many.append(']').toString();
        assertThatThrownBy(() -> Figure.parse("{\"kind\":\"xy\",\"title\":\"t\",\"series\":[{\"label\":\"a\","
                + "\"style\":\"line\",\"x\":" + big + ",\"y\":" + big + "}]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Figure.parse("{\"kind\":\"heatmap\",\"title\":\"t\",\"heatmap\":{\"name\":\"n\","
                + "\"shape\":\"[1]\",\"first\":0,\"rows\":100,\"columns\":100,\"expected\":[1]}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeatmapIsTakenOnlyForTheFailureThatLeftIt() {
        Figures.mismatch("a", new int[] {2}, new float[] {1, 2}, new float[] {1, 3}, 1, "a: 1 of 2 differs");
        assertThat(Figures.takeMismatch("something else failed")).isNull();
        assertThat(Figures.takeMismatch("a: 1 of 2 differs")).isNull();
    }
}
