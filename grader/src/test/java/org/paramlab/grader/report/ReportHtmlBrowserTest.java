package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.paramlab.grader.attack.AttackRunner;
import org.paramlab.grader.attack.Submission;
import org.paramlab.grader.figures.Figures;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * report.html in a real browser: the stubs and the solutions are graded by the real supervisor (once
 * for the class), and each page is opened from disk ({@code file://}) in headless Chromium through
 * ChromeDriver. No console error, every chart drawn (an {@code <svg>} with drawing elements and a box
 * that is not empty), the score shown is {@code results.json}'s; a screenshot of each page is saved in
 * {@code grader/target/report-screenshots/}. A third submission, the solutions with a {@code Linear.forward}
 * that forgets the bias, fails on tensor comparisons: its page must show the mismatch heatmaps (expected,
 * actual, |difference|), captioned with the test, the tensor's shape and the first mismatching index. A fourth, the solutions with an
 * {@code xavierUniform_} twice too wide, fails the Xavier statistics test on its first check: the chart of
 * {@code xavierNormal_}, implemented but never reached, must say that the earlier check failed, not that the
 * code produced no values. On every page each meaning keeps its colour (as the browser computes it), each
 * colour bar's end labels are in their own colours, and "What to do next" shows no Markdown.
 *
 * <p>Needs {@value #CHROMIUM} and {@value #CHROMEDRIVER} (Debian: {@code apt-get install chromium
 * chromium-driver}); without them the tests are skipped, unless {@value #REQUIRE} is {@code 1} (CI), and
 * then they fail.
 */
class ReportHtmlBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String REQUIRE = "PARAMLAB_REQUIRE_BROWSER";
    /** Where the screenshots go (scripts/report-screenshots.sh copies them to docs/). */
    static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    @TempDir
    static Path temp;

    private static ChromeDriver driver;
    private static AttackRunner.Graded stubs;
    private static AttackRunner.Graded solutions;
    private static AttackRunner.Graded noBias;
    private static AttackRunner.Graded wideXavier;

    /** The subtly wrong submission: the solutions with a Linear.forward that forgets the bias. */
    static final String FIND = "return Tensor.addmm(bias, x, weight.t());";
    static final String REPLACE = "return x.matmul(weight.t());";

    /** The solutions with an xavierUniform_ bound twice PyTorch's: xavierStatistics fails before xavierNormal_ runs. */
    static final String XAVIER_FIND = "double a = Math.sqrt(3.0) * std;";
    static final String XAVIER_REPLACE = "double a = 2 * Math.sqrt(3.0) * std;";

    /** Three gradings by the real supervisor and a browser start: far over the 30 s default of a @BeforeAll. */
    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void gradeAndStartTheBrowser() throws IOException {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        String why = CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install -y chromium chromium-driver)";
        if ("1".equals(System.getenv(REQUIRE))) {
            assertThat(present).as(why + ", and " + REQUIRE + "=1 requires the browser test").isTrue();
        } else {
            Assumptions.assumeTrue(present, why + ": the browser test is skipped");
        }
        AttackRunner runner = new AttackRunner(temp).budget(Duration.ofSeconds(240));
        solutions = runner.grade("solutions", Submission.solutions());
        stubs = runner.grade("stubs", Submission.stubs());
        noBias = runner.grade("linear-no-bias", solutionsWith("Linear", FIND, REPLACE));
        wideXavier = runner.grade("xavier-uniform-too-wide", solutionsWith("Init", XAVIER_FIND, XAVIER_REPLACE));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // no network needed or wanted: the page is self-contained
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900", "--hide-scrollbars", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named explicitly: Selenium Manager never runs (it would try the network)
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anImplementedInitializerAfterAFailedCheckIsNotCalledEmptyInChromium() throws IOException {
        Page page = open(wideXavier, "earlier-check");
        List<String> failed = wideXavier.result().run().outcomes().stream().filter(o -> !o.status().earnsPoints())
                .map(o -> o.test().shortName()).toList();
        assertThat(failed).as("failed tests").contains("InitializationTest.xavierStatistics");
        WebElement normal = driver.findElement(By.cssSelector("figure.chart[data-name=init-xavier-normal]"));
        String caption = normal.findElement(By.tagName("figcaption")).getText();
        assertThat(caption).as("the caption of xavierNormal_'s chart").contains("InitializationTest.xavierStatistics")
                .contains("no chart of your values: an earlier check of this test failed: ")
                .contains("xavier_uniform_").doesNotContain(Figures.NO_VALUES_YET);
        assertThat(normal.findElements(By.cssSelector("ul.legend li[data-role=student]"))).as("your draw").isEmpty();
        // the chart of the check that failed has the student's draw
        WebElement uniform = driver.findElement(By.cssSelector("figure.chart[data-name=init-xavier-uniform]"));
        assertThat(uniform.findElements(By.cssSelector("ul.legend li[data-role=student]"))).hasSize(1);
        assertThat(page.text()).doesNotContain(Figures.NO_VALUES_YET);
    }

    @Test
    void theSolutionsReportRendersInChromium() throws IOException {
        Page page = open(solutions, "solutions");
        assertThat(page.charts()).as("charts on the solutions' page").hasSizeGreaterThanOrEqualTo(7);
        assertThat(page.text()).doesNotContain("your code produced no values yet");
    }

    @Test
    void theStubsReportRendersInChromiumWithPyTorchsSeries() throws IOException {
        Page page = open(stubs, "stubs");
        assertThat(page.charts()).as("charts on the stubs' page: PyTorch's series are sent before the student's code"
                + " runs").hasSizeGreaterThanOrEqualTo(7);
        assertThat(page.text()).contains("your code produced no values yet");
    }

    @Test
    void aWrongLinearsReportShowsTheMismatchAsHeatmapsInChromium() throws IOException {
        Page page = open(noBias, "broken");
        double score = ReportFiles.mapper().readTree(noBias.reportDir().resolve(ReportFiles.RESULTS).toFile())
                .get("score").asDouble();
        assertThat(score).as("the score of a Linear without its bias").isLessThan(100)
                .isLessThan(noBias.result().book().max());
        List<String> failed = noBias.result().run().outcomes().stream().filter(o -> !o.status().earnsPoints())
                .map(o -> o.test().shortName()).toList();
        assertThat(failed).as("failed tests").contains("ModulesTest.linearForwardMatchesPyTorch");

        List<WebElement> heatmaps = driver.findElements(By.cssSelector("figure.chart[data-kind=heatmap]"));
        assertThat(heatmaps).as("heatmap charts on the page of a Linear without its bias").isNotEmpty()
                .hasSizeLessThanOrEqualTo(org.paramlab.grader.GradingListener.MAX_HEATMAPS);
        int withDifference = 0;
        for (WebElement heatmap : heatmaps) {
            String title = heatmap.findElement(By.tagName("h3")).getText();
            String caption = heatmap.findElement(By.tagName("figcaption")).getText();
            String what = "heatmap '" + title + "' / '" + caption + "'";
            // open() checked that every <svg> has a drawing; the tensor's name is in the title, its shape in
            // the caption, and the colour scale is spelled out
            assertThat(title).as(what).containsPattern("expected against actual values of \\S");
            assertThat(caption).as(what).containsPattern("shape \\[\\d+(, \\d+)*\\]").contains("through white (0)");
            List<WebElement> svgs = heatmap.findElements(By.tagName("svg"));
            if (caption.contains("no values from your code")) {
                // e.g. bias.grad, which a forward without the bias never fills: PyTorch's grid alone
                assertThat(svgs).as(what).hasSize(1);
            } else {
                // expected, actual and |difference|, and where the first mismatch is
                assertThat(svgs).as(what).hasSize(3);
                assertThat(caption).as(what)
                        .containsPattern("first mismatch at index \\[\\d+(, \\d+)*\\] \\(element \\d+ of \\d+\\)")
                        .contains("|actual - expected| goes from white (0)");
                withDifference++;
            }
            // the test, one that failed
            String test = heatmap.findElement(By.cssSelector("figcaption code")).getText();
            assertThat(failed).as(what).contains(test);
        }
        assertThat(withDifference).as("heatmaps with expected, actual and |difference|").isPositive();
    }

    private record Page(List<String> charts, String text) {
    }

    /** @return the colour as the browser computes it ({@code rgba(r, g, b, 1)}) */
    private static String computed(java.awt.Color c) {
        return "rgba(" + c.getRed() + ", " + c.getGreen() + ", " + c.getBlue() + ", 1)";
    }

    /** @return the colour as XChart's SVG writes it */
    private static String svg(java.awt.Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    /**
     * One colour per meaning, checked on the colours the browser computes: the key's swatches and the first legend
     * swatch of each role have that role's colour (later series of a role are its shades), a chart's SVG uses a
     * role's colour exactly when its legend lists that role, each colour bar's end labels have their end's colour,
     * and "What to do next" shows no backtick.
     */
    private static void readsAtAGlance(String name, JavascriptExecutor js) {
        Map<String, java.awt.Color> roles = Map.of(Figure.Series.REFERENCE, Charts.REFERENCE[0],
                Figure.Series.STUDENT, Charts.STUDENT[0], Figure.Series.THEORY, Charts.THEORY[0]);
        WebElement next = driver.findElement(By.id("next"));
        assertThat(next.getText()).as("'What to do next' of " + name).isNotBlank().doesNotContain("`");
        List<WebElement> keys = driver.findElements(By.cssSelector("#colour-key .key"));
        if (!driver.findElements(By.cssSelector("figure.chart[data-kind=xy]")).isEmpty()) {
            assertThat(keys).as("the colour key of " + name).hasSize(3);
        }
        for (WebElement key : keys) {
            assertThat(key.findElement(By.className("swatch")).getCssValue("background-color"))
                    .as("the key's swatch of " + key.getText() + " on " + name)
                    .isEqualTo(computed(roles.get(key.getAttribute("data-role"))));
        }
        for (WebElement chart : driver.findElements(By.cssSelector("figure.chart[data-kind=xy]"))) {
            String what = "chart " + chart.getAttribute("data-name") + " of " + name;
            java.util.Set<String> shown = new java.util.HashSet<>();
            for (WebElement item : chart.findElements(By.cssSelector("ul.legend li"))) {
                String role = item.getAttribute("data-role");
                assertThat(role).as(what + ": the role of '" + item.getText() + "'").isIn(roles.keySet());
                if (shown.add(role)) {
                    assertThat(item.findElement(By.className("swatch")).getCssValue("background-color"))
                            .as(what + ": the swatch of '" + item.getText() + "'").isEqualTo(computed(roles.get(role)));
                }
            }
            @SuppressWarnings("unchecked")
            List<String> colours = (List<String>) js.executeScript("""
                    const out = new Set();
                    for (const e of arguments[0].querySelectorAll('svg *')) {
                      const st = e.getAttribute('style') || '';
                      for (const m of st.matchAll(/(?:stroke|fill):(rgb[(][^)]*[)])/g)) out.add(m[1]);
                    }
                    return [...out];""", chart);
            for (Map.Entry<String, java.awt.Color> role : roles.entrySet()) {
                assertThat(colours.contains(svg(role.getValue()))).as(what + ": drawn in the colour of " + role.getKey()
                        + " " + colours).isEqualTo(shown.contains(role.getKey()));
            }
        }
        for (WebElement grids : driver.findElements(By.cssSelector(".grids"))) {
            // the grids and their colour bars on one row, each bar beside the grids it explains
            List<WebElement> parts = grids.findElements(By.xpath("./*"));
            org.openqa.selenium.Rectangle first = parts.get(0).getRect();
            for (WebElement part : parts) {
                assertThat(part.getRect().getY()).as("a grid or bar of " + name + " wrapped to a new row")
                        .isLessThan(first.getY() + first.getHeight());
            }
        }
        for (WebElement bar : driver.findElements(By.cssSelector(".colourbar"))) {
            java.awt.Color[] scale = "values".equals(bar.getAttribute("data-scale")) ? Charts.DIVERGING : Charts.MAGNITUDE;
            WebElement max = bar.findElement(By.cssSelector(".end.max"));
            WebElement min = bar.findElement(By.cssSelector(".end.min"));
            String what = "the colour bar " + bar.getAttribute("data-scale") + " of " + name;
            assertThat(max.getCssValue("background-color")).as(what + ", top label " + max.getText())
                    .isEqualTo(computed(scale[scale.length - 1]));
            assertThat(min.getCssValue("background-color")).as(what + ", bottom label " + min.getText())
                    .isEqualTo(computed(scale[0]));
            assertThat(max.getCssValue("color")).as(what + ": the top label's text reads on its colour")
                    .isNotEqualTo(max.getCssValue("background-color"));
            assertThat(min.getCssValue("color")).as(what + ": the bottom label's text reads on its colour")
                    .isNotEqualTo(min.getCssValue("background-color"));
        }
    }

    private static Page open(AttackRunner.Graded graded, String name) throws IOException {
        Path html = graded.reportDir().resolve(ReportFiles.HTML);
        assertThat(html).exists();
        driver.manage().window().setSize(new Dimension(1200, 900));
        driver.get(html.toUri().toString());
        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return document.readyState")).isEqualTo("complete");

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("console errors of " + html).isEmpty();

        List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart"));
        for (WebElement chart : charts) {
            List<WebElement> svgs = chart.findElements(By.tagName("svg"));
            assertThat(svgs).as("the <svg> of chart " + chart.getAttribute("data-name")).isNotEmpty();
            for (WebElement svg : svgs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> box = (Map<String, Object>) js.executeScript("""
                        const s = arguments[0], r = s.getBoundingClientRect(), b = s.getBBox();
                        const drawn = [...s.querySelectorAll('path,line,rect,polyline,polygon,circle,ellipse')]
                            .filter(e => { const k = e.getBBox(); return k.width > 0 || k.height > 0; }).length;
                        return {width: r.width, height: r.height, bboxWidth: b.width, bboxHeight: b.height, drawn: drawn};
                        """, svg);
                String what = "chart " + chart.getAttribute("data-name") + " of " + name + ": " + box;
                assertThat(((Number) box.get("width")).doubleValue()).as(what).isPositive();
                assertThat(((Number) box.get("height")).doubleValue()).as(what).isPositive();
                assertThat(((Number) box.get("bboxWidth")).doubleValue()).as(what).isPositive();
                assertThat(((Number) box.get("bboxHeight")).doubleValue()).as(what).isPositive();
                assertThat(((Number) box.get("drawn")).longValue()).as(what).isGreaterThan(3);
            }
        }

        JsonNode results = ReportFiles.mapper().readTree(graded.reportDir().resolve(ReportFiles.RESULTS).toFile());
        WebElement score = driver.findElement(By.id("score"));
        assertThat(Double.parseDouble(score.getAttribute("data-score"))).as("data-score")
                .isEqualTo(results.get("score").asDouble());
        assertThat(Double.parseDouble(score.getText())).as("the score shown")
                .isEqualTo(results.get("score").asDouble());
        assertThat(score.isDisplayed()).isTrue();

        readsAtAGlance(name, js);

        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1200, (int) Math.min(Math.max(height, 900), 5_000)));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        assertThat(png.length).isGreaterThan(10_000);
        Files.write(SCREENSHOTS.resolve("report-" + name + ".png"), png);
        Files.copy(html, SCREENSHOTS.resolve("report-" + name + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Page(charts.stream().map(c -> c.getAttribute("data-name")).toList(),
                driver.findElement(By.tagName("body")).getText());
    }

    /** The solutions with {@code find}, which must occur once in {@code file}.java, replaced. */
    private static Submission solutionsWith(String file, String find, String replace) {
        Submission solutions = Submission.solutions();
        String source = solutions.source(file);
        int at = source.indexOf(find);
        assertThat(at).as("the solutions' " + file + ".java changed: update the text this test replaces").isNotNegative();
        assertThat(source.indexOf(find, at + 1)).as("the replaced text occurs once in " + file + ".java").isNegative();
        return solutions.withNn(file, source.replace(find, replace));
    }
}
