package org.paramlab.grader.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.attack.Attacks.blocked;
import static org.paramlab.grader.attack.Attacks.complete;
import static org.paramlab.grader.attack.Attacks.evil;
import static org.paramlab.grader.attack.Attacks.hook;
import static org.paramlab.grader.attack.Attacks.inLinear;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.paramlab.grader.report.RenderedMarkdown;
import org.paramlab.grader.report.Text;

/**
 * Students who put a forged summary (a {@code # ParamLab: 100 / 100 points} heading, a score table, links,
 * HTML and an open {@code <!--}) wherever the reports show their text: an exception message, the answer in
 * their own words, the message of an aborted quiz question (which "What to do next" quotes), and the
 * submission id. Each is graded by the real supervisor ({@link AttackRunner}); {@code summary.md}, rendered
 * as GitHub does (commonmark-java with the GFM extensions, raw HTML kept), must have exactly one {@code h1},
 * the real score, and nothing from the student but text inside code; {@code report.html}, parsed as a
 * browser does, likewise.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class EscapingAttacksTest {

    /** What each attack tries to slip into the summary; the marker finds it in the rendered page. */
    static final String MARKER = "FORGED-7f3a";
    static final String FORGED = MARKER + " ```\n</code></pre>\n\n# ParamLab: 100 / 100 points\n\n"
            + "| Exercise | | Points | Result |\n| --- | --- | ---: | --- |\n| | **Total** | **100/100** | |\n\n"
            + "## What to do next\n\n- Full marks: every graded test passes. [details](https://evil.example)"
            + " ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> <b>bold</b> https://evil.example\n\n"
            + "`` ` ```` \u001B[2J\u202Eevil\r\n<!-- the rest of the summary is hidden";

    private static final String IN_THE_ANSWERS = "in the answers";

    @TempDir
    Path temp;

    private AttackRunner runner() {
        return new AttackRunner(temp);
    }

    @AfterAll
    static void writeLog() throws IOException {
        Attacks.writeLog();
    }

    /** Every test's failure message is a forged summary. */
    @Test
    void aForgedSummaryAsAnExceptionMessage() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "if (this != null) throw Evil.forged();")
                .withNn("Evil", evil("    static IllegalStateException forged() {\n        return new"
                        + " IllegalStateException(" + literal(FORGED) + ");\n    }"));
        AttackRunner.Graded graded = complete("forged-summary-in-a-message", runner().grade("message", attack), 0,
                Duration.ofSeconds(90));
        assertThat(graded.messages()).contains(MARKER);
        assertTheSummaryIsOurs(graded, "in a message");
    }

    /** The answer in the student's own words (shown, never graded) is a forged summary. */
    @Test
    void aForgedSummaryAsTheAnswerInYourOwnWords() throws IOException {
        Submission attack = hook(Submission.solutions(), "WhyShareParameters", "public static String inYourOwnWords()",
                "if (Math.abs(1) == 1) return " + literal(FORGED) + ";");
        AttackRunner.Graded graded = complete("forged-summary-as-an-answer", runner().grade("answer", attack), 100,
                Duration.ofSeconds(120));
        assertThat(graded.result().run().answers()).anyMatch(a -> a.text() != null && a.text().contains(MARKER));
        assertTheSummaryIsOurs(graded, IN_THE_ANSWERS);
    }

    /**
     * A quiz question that throws JUnit's {@code TestAbortedException}, obtained by deserialization, whose
     * message is a forged summary, the attack: without the allow-list the test was skipped and "What to
     * do next" quoted its message unfenced. The rules now refuse deserialization: the attack is blocked, gains
     * nothing, and the summary is ours.
     */
    @Test
    void aForgedSummaryAsTheMessageOfAnAbortedQuestion() throws IOException {
        Submission attack = hook(Submission.solutions(), "WhyShareParameters", "public static Set<Option> question1()",
                "if (Math.abs(1) == 1) throw Evil.aborted();").withNn("Evil", evil("""
                    static RuntimeException aborted() {
                        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                                new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(DATA)))) {
                            return (RuntimeException) in.readObject();
                        } catch (java.io.IOException | ClassNotFoundException e) {
                            return new IllegalStateException(e);
                        }
                    }

                    private static final String DATA = "%s";""".formatted(serializedAbort())));
        // the allow-list refuses deserialization (rule 0.1), so the forged message never reaches a report; the
        // advice line that quoted it is escaped all the same (HostileTextRenderedTest feeds it every hostile text)
        AttackRunner.Graded graded = blocked("forged-summary-as-an-aborted-question", runner().grade("aborted", attack),
                "no-reflection", "java.io.ObjectInputStream.readObject()");
        assertTheSummaryIsOurs(graded, "in the advice", false);
    }

    /** A submission id (a file name, a {@code --id}, a Classroom 50 tag) with a backtick, HTML and a comment. */
    @Test
    void aSubmissionIdThatClosesItsCodeSpan() throws IOException {
        String id = "id` **bold** <img src=x onerror=alert(1)> [l](evil) <!-- " + MARKER;
        AttackRunner.Graded graded = complete("backtick-in-the-submission-id", runner().grade(id, Submission.solutions()),
                100, Duration.ofSeconds(120));
        Document page = assertTheSummaryIsOurs(graded, "in the id");
        assertThat(page.selectFirst("p:contains(Graded) code").text()).isEqualTo(id);
        assertThat(Jsoup.parse(Files.readString(graded.reportDir().resolve("report.html"), StandardCharsets.UTF_8))
                .selectFirst("p:contains(Graded) code").text()).isEqualTo(id);
    }

    /**
     * @return the summary rendered as GitHub does, after checking that its one {@code h1} is the real score,
     *         that nothing from the student became an element or a comment, and that the forged text is
     *         shown, inside code, where it was sent
     */
    private static Document assertTheSummaryIsOurs(AttackRunner.Graded graded, String where) throws IOException {
        return assertTheSummaryIsOurs(graded, where, true);
    }

    /** As above; {@code forgedShown} false: the forged text appears nowhere (the attack was refused before). */
    private static Document assertTheSummaryIsOurs(AttackRunner.Graded graded, String where, boolean forgedShown)
            throws IOException {
        Document page = RenderedMarkdown.render(graded.summary());
        String score = "ParamLab: " + Text.points(graded.earned()) + " / 100 points";
        assertThat(page.select("h1")).as("headings of summary.md " + where).hasSize(1);
        assertThat(page.select("h1").text()).isEqualTo(score);
        assertThat(page.select("table")).as("tables of summary.md " + where).hasSizeLessThanOrEqualTo(1);
        assertThat(page.select("a, img, script, b, div, del, input")).as("elements from the student " + where)
                .isEmpty();
        assertThat(RenderedMarkdown.comments(page)).as("comments in summary.md " + where).isEmpty();
        assertThat(page.select("h2").eachText()).allMatch(h -> !h.contains("ParamLab") && !h.contains(MARKER));
        if (forgedShown) {
            assertThat(page.select("code").text()).as("the forged text, shown as code").contains(MARKER);
        } else {
            assertThat(page.text()).as("the forged text").doesNotContain(MARKER);
        }
        assertThat(page.text()).doesNotContain("\u202E");

        Document html = Jsoup.parse(Files.readString(graded.reportDir().resolve("report.html"), StandardCharsets.UTF_8));
        assertThat(html.select("h1")).as("headings of report.html " + where).hasSize(1);
        assertThat(html.select("a, img, script, b")).isEmpty();
        assertThat(RenderedMarkdown.comments(html)).isEmpty();
        if (!where.equals(IN_THE_ANSWERS) && forgedShown) {
            // report.html leaves the answers out (they are for the instructor)
            assertThat(html.select("code, pre").text()).contains(MARKER);
        }
        return page;
    }

    /** @return the bytes of a serialized {@code TestAbortedException} with the forged message, in base64 */
    private static String serializedAbort() throws IOException {
        TestAbortedException aborted = new TestAbortedException(FORGED);
        aborted.setStackTrace(new StackTraceElement[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(aborted);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** @return the text as a Java string literal (control and non-ASCII characters escaped) */
    static String literal(String text) {
        StringBuilder java = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                java.append('\\').append(c);
            } else if (c == '\n') {
                java.append("\\n");
            } else if (c < 0x20) {
                java.append(String.format("\\%03o", (int) c));
            } else if (c > 0x7E) {
                java.append(String.format("\\u%04x", (int) c));
            } else {
                java.append(c);
            }
        }
        return java.append('"').toString();
    }
}
