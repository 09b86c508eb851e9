package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapersTest {

    @Test
    void htmlEscapesMarkupQuotesAndEntities() {
        assertThat(Html.escape("<b a=\"1\" b='2'>&amp;</b>\u202E"))
                .isEqualTo("&lt;b a=&#34;1&#34; b=&#39;2&#39;&gt;&amp;amp;&lt;/b&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void theConsoleKeepsPrintableAsciiAndLineBreaksOnly() {
        String hostile = "red \u001B[31mtext\u001B[0m, title \u001B]0;pwned\u0007, link \u001B]8;;https://e.x\u001B\\here"
                + "\u001B]8;;\u001B\\, bell\u0007, bidi \u202Eevil\u202C, \u009B31m c1, caf\u00e9 \uD83D\uDE00\r\nnext";
        assertThat(Console.strip(hostile)).isEqualTo("red text, title , link here, bell, bidi evil,  c1, caf? ?\nnext");
        assertThat(Console.strip(null)).isEmpty();
    }
}
