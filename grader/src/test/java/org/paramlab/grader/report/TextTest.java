package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void formatsPoints() {
        assertThat(Text.points(3)).isEqualTo("3");
        assertThat(Text.points(2.5)).isEqualTo("2.5");
        assertThat(Text.points(1.0 / 3)).isEqualTo("0.33");
        assertThat(Text.points(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Text.points(0)).isEqualTo("0");
        assertThat(Text.points(-0.0)).isEqualTo("0");
        assertThat(Text.score(3, 10)).isEqualTo("3/10");
    }

    @Test
    void makesTextAscii() {
        assertThat(Text.ascii("|a \u2212 e| \u2264 1e-5 \u00d7 2 \u2026 caf\u00e9 \ud83d\ude00\r\n"))
                .isEqualTo("|a - e| <= 1e-5 x 2 ... caf? ?\n");
    }

    @Test
    void oneLineShortenAndWrap() {
        assertThat(Text.oneLine("  a\n  b\tc  ")).isEqualTo("a b c");
        assertThat(Text.shorten("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.shorten("abcdefg", 6)).isEqualTo("abc...");
        assertThat(Text.wrap("one two three four", 11, "  ")).containsExactly("  one two", "  three", "  four");
        assertThat(Text.wrap("x", 11, "  ")).containsExactly("  x");
        assertThat(Text.wrap("run `mvn test -Dx=1`.", 12, "")).containsExactly("run", "`mvn test -Dx=1`.");
    }

    @Test
    void cleaningTurnsEveryLineBreakIntoOneNewLine() {
        assertThat(Text.clean("a\r\nb\rc\u2028d\u2029e\n\u001B[2Jf\u202Eg\uD800h\tx"))
                .isEqualTo("a\nb\nc\nd\ne\n[2Jfg?h\tx");
    }

    @Test
    void cappingAStepSummaryNeverSplitsACharacter() {
        String text = "a".repeat(3) + "\uD83D\uDE00" + "b".repeat(100);
        String cut = Text.capUtf8(text, 16);
        assertThat(cut).startsWith("aaa\n\n[truncated").doesNotContain("\uD83D");
        assertThat(Text.capUtf8(text, 1000)).isEqualTo(text);
    }

    @Test
    void showsPathsRelativeToTheCurrentFolder() {
        Path base = Path.of("/work/main").toAbsolutePath();
        assertThat(Text.displayPath(base.resolve("grader/target/paramlab/summary.md"), base))
                .isEqualTo("grader/target/paramlab/summary.md");
        assertThat(Text.displayPath(Path.of("/elsewhere/x.md").toAbsolutePath(), base))
                .endsWith("/elsewhere/x.md");
    }
}
