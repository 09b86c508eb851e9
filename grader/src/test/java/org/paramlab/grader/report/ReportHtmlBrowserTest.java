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
import org.paramlab.grader.protocol.ReportFiles;

/**
 * report.html in a real browser: the stubs and the solutions are graded by the real supervisor (once
 * for the class), and each page is opened from disk ({@code file://}) in headless Chromium through
 * ChromeDriver. No console error, every chart drawn (an {@code <svg>} with drawing elements and a box
 * that is not empty), the score shown is {@code results.json}'s; a screenshot of each page is saved in
 * {@code grader/target/report-screenshots/}. A third submission, the solutions with a {@code Linear.forward}
 * that forgets the bias, fails on tensor comparisons: its page must show the mismatch heatmaps (expected,
 * actual, |difference|), captioned with the test, the tensor's shape and the first mismatching index.
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

    /** The subtly wrong submission: the solutions with a Linear.forward that forgets the bias. */
    static final String FIND = "return Tensor.addmm(bias, x, weight.t());";
    static final String REPLACE = "return x.matmul(weight.t());";

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
        Submission broken = Submission.solutions();
        String linear = broken.source("Linear");
        int at = linear.indexOf(FIND);
        assertThat(at).as("the solutions' Linear.forward changed: update FIND").isNotNegative();
        assertThat(linear.indexOf(FIND, at + 1)).as("FIND occurs once in Linear.java").isNegative();
        noBias = runner.grade("linear-no-bias", broken.withNn("Linear", linear.replace(FIND, REPLACE)));

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

        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1200, (int) Math.min(Math.max(height, 900), 5_000)));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        assertThat(png.length).isGreaterThan(10_000);
        Files.write(SCREENSHOTS.resolve("report-" + name + ".png"), png);
        Files.copy(html, SCREENSHOTS.resolve("report-" + name + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Page(charts.stream().map(c -> c.getAttribute("data-name")).toList(),
                driver.findElement(By.tagName("body")).getText());
    }
}
