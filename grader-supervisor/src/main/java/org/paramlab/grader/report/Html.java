package org.paramlab.grader.report;

import org.owasp.encoder.Encode;

/**
 * The one place where a text becomes HTML in {@code report.html}: the OWASP Java Encoder escapes it for
 * element content and quoted attribute values alike ({@code & < > " '}; characters that HTML forbids become
 * spaces), after {@link Text#clean(String)} has dropped control characters and bidirectional overrides.
 */
public final class Html {

    private Html() {
    }

    /**
     * @param text any text, or {@code null} (an empty string)
     * @return the text, safe in element content and in a quoted attribute value
     */
    public static String escape(String text) {
        return text == null ? "" : Encode.forHtml(Text.clean(text));
    }
}
