package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.figures.Figures;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestStatus;

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
                .contains("from purple (-12.00) through white (0) to green (12.00)")
                .contains("|actual - expected| goes from white (0) to dark magenta (7.000; the largest difference shown is"
                        + " 7.000)")
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

    /** A histogram as the initialization tests publish it: PyTorch's draw, the student's (when given), the density. */
    private static ReportFigure histogram(PlannedTest test, String name, boolean student, String note) {
        var series = new java.util.ArrayList<Figure.Series>();
        series.add(Figures.histogram("PyTorch's draw", new float[] {-1f, 0f, 0.5f, 1f}, -2, 2, 8)
                .withRole(Figure.Series.REFERENCE));
        if (student) {
            series.add(Figures.histogram("your draw", new float[] {-1f, 0.2f, 0.4f, 1f}, -2, 2, 8)
                    .withRole(Figure.Series.STUDENT));
        }
        series.add(Figures.series("density of U(-2, 2)", Figure.Series.LINE, new double[] {-2, 2},
                new double[] {0.25, 0.25}).withRole(Figure.Series.THEORY));
        return new ReportFigure(test, name, Figures.xy("init " + name, "value", "density", note, series));
    }

    private static String swatch(Element legendItem) {
        String style = legendItem.selectFirst(".swatch").attr("style");
        return style.substring(style.indexOf("background:") + "background:".length()).replace(";", "").strip();
    }

    @Test
    void eachMeaningHasOneColourOnTheWholePage() {
        GradingRun run = Samples.mixed();
        PlannedTest failed = run.outcomes().get(0).test();
        var withYours = histogram(failed, "a", true, null);
        // without the student's draw, the density is the second series drawn: it must not take the student's colour
        var withoutYours = histogram(failed, "b", false, Figures.NO_VALUES_YET);
        Document page = Jsoup.parse(HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()),
                List.of(withYours, withoutYours, loss(null, true), heatmap()), null, null));
        java.util.Map<String, String> colours = java.util.Map.of(Figure.Series.REFERENCE, Charts.css(Charts.REFERENCE[0]),
                Figure.Series.STUDENT, Charts.css(Charts.STUDENT[0]), Figure.Series.THEORY, Charts.css(Charts.THEORY[0]));
        assertThat(new java.util.HashSet<>(colours.values())).as("three meanings, three colours").hasSize(3);
        List<Element> items = page.select("ul.legend li[data-role]");
        assertThat(items).hasSize(5);
        for (Element item : items) {
            assertThat(swatch(item)).as("the swatch of '" + item.text() + "'").isEqualTo(colours.get(item.attr("data-role")));
        }
        // and the chart draws each series in its legend's colour
        String svgA = page.getElementById("c1").select("svg").outerHtml();
        assertThat(svgA).contains(rgb(Charts.REFERENCE[0])).contains(rgb(Charts.STUDENT[0])).contains(rgb(Charts.THEORY[0]));
        String svgB = page.getElementById("c2").select("svg").outerHtml();
        assertThat(svgB).contains(rgb(Charts.THEORY[0])).doesNotContain(rgb(Charts.STUDENT[0]));
        // the key says it once for the page
        Element key = page.getElementById("colour-key");
        assertThat(key).isNotNull();
        assertThat(key.text()).contains("PyTorch's reference").contains("your code").contains("theory")
                .contains("Heatmaps have scales of their own");
        for (Element k : key.select(".key")) {
            assertThat(swatch(k)).isEqualTo(colours.get(k.attr("data-role")));
        }
        // the heatmaps' scales use none of the three
        for (java.awt.Color[] scale : List.of(Charts.DIVERGING, Charts.MAGNITUDE)) {
            for (java.awt.Color c : scale) {
                assertThat(colours.values()).doesNotContain(Charts.css(c));
            }
        }
    }

    private static String rgb(java.awt.Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    @Test
    void aColourBarLabelsEachEndInItsOwnColour() {
        GradingRun run = Samples.mixed();
        Document page = Jsoup.parse(HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()), List.of(heatmap()), null,
                null));
        List<Element> bars = page.select("figure.chart .colourbar");
        assertThat(bars).extracting(b -> b.attr("data-scale")).containsExactly("values", "difference");
        for (Element bar : bars) {
            java.awt.Color[] scale = bar.attr("data-scale").equals("values") ? Charts.DIVERGING : Charts.MAGNITUDE;
            Element max = bar.selectFirst(".end.max");
            Element min = bar.selectFirst(".end.min");
            assertThat(max.attr("style")).startsWith("background:" + Charts.css(scale[scale.length - 1]) + ";");
            assertThat(min.attr("style")).startsWith("background:" + Charts.css(scale[0]) + ";");
            assertThat(bar.selectFirst(".ramp").attr("style")).contains(Charts.css(scale[0]))
                    .contains(Charts.css(scale[scale.length - 1]));
        }
        assertThat(bars.get(0).select(".end").eachText()).containsExactly("12.00", "-12.00");
        assertThat(bars.get(1).select(".end").eachText()).containsExactly("7.000", "0");
        // XChart's own legend (its labels rasterized in one colour) is gone
        assertThat(page.select("figure.chart svg image")).isEmpty();
    }

    @Test
    void noValuesYetOnlyWhenTheStudentsCodeGaveNone() {
        GradingRun run = Samples.mixed();
        PlannedTest failed = run.outcomes().get(0).test();
        PlannedTest stub = run.outcomes().get(3).test();
        assertThat(run.outcomes().get(0).status()).isEqualTo(TestStatus.FAILED);
        assertThat(run.outcomes().get(3).status()).isEqualTo(TestStatus.NOT_ATTEMPTED);
        Document page = Jsoup.parse(HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()), List.of(
                histogram(failed, "called", false, Figures.NO_VALUES_YET),
                histogram(failed, "never-called", false, Figures.NOT_REACHED),
                histogram(stub, "stub-earlier", false, Figures.NOT_REACHED)), null, null));
        String called = page.selectFirst("figure[data-name=called] figcaption").text();
        String earlier = page.selectFirst("figure[data-name=never-called] figcaption").text();
        String stubbed = page.selectFirst("figure[data-name=stub-earlier] figcaption").text();
        assertThat(called).contains(Figures.NO_VALUES_YET);
        // the failed check is named (its first line), and the chart does not blame the student's code
        assertThat(earlier).doesNotContain(Figures.NO_VALUES_YET).doesNotContain(Figures.NOT_REACHED)
                .contains("no chart of your values: an earlier check of this test failed: Module.namedParameters:"
                        + " expected 4 names but was 3").doesNotContain("expected: [0.weight");
        assertThat(stubbed).doesNotContain(Figures.NO_VALUES_YET)
                .contains("the test stopped before it called your code for this chart (not attempted: needs exercise"
                        + " 1.2 Linear.forward, which is still a stub)");
        assertThat(page.select("figcaption .empty")).hasSize(3);
    }

    @Test
    void whatToDoNextShowsCommandsAsCodeNotAsMarkdown() {
        GradingRun run = Samples.mixed();
        Document page = Jsoup.parse(HtmlReportWriter.render(run, ScoreBook.of(run.outcomes()), List.of(), null, null));
        Element next = page.getElementById("next");
        String command = org.paramlab.grader.protocol.MavenCommand.MVN + " test";
        assertThat(next.text()).doesNotContain("`").contains(command + " -Dexercise=1.2");
        assertThat(next.select("code").eachText()).contains(command + " -Dexercise=1.2");
        // also when no graded test ran (the reasons quote a command too)
        GradingRun none = Samples.run(List.of());
        Document empty = Jsoup.parse(HtmlReportWriter.render(none, ScoreBook.of(none.outcomes()), List.of(), null, null));
        Element reasons = empty.getElementById("next");
        assertThat(reasons.text()).doesNotContain("`");
        assertThat(reasons.select("code").eachText()).contains(command);
        // a test's message quoted in the advice stays text, whatever it holds
        PlannedTest quiz = Samples.test("7.2", "quiz", 1);
        GradingRun hostile = Samples.run(List.of(Samples.outcome(quiz, TestStatus.ABORTED,
                "`<b>x</b>` <script>alert(1)</script> **bold**")));
        Document quoted = Jsoup.parse(HtmlReportWriter.render(hostile, ScoreBook.of(hostile.outcomes()), List.of(), null,
                null));
        assertThat(quoted.select("#next b, #next script, #next strong")).isEmpty();
        assertThat(quoted.getElementById("next").select("code").text()).contains("<b>x</b>").contains("<script>");
    }
}
