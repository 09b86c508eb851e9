package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/**
 * report.html in a real browser: the stubs and the solutions are graded by the real supervisor (once
 * for the class), and each page is opened from disk ({@code file://}) in headless Chromium through
 * ChromeDriver. No console error, every chart drawn (an {@code <svg>} with drawing elements and a box
 * that is not empty), the score shown is {@code results.json}'s; a screenshot of each page is saved in
 * {@code grader/target/report-screenshots/}.
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

    @BeforeAll
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
