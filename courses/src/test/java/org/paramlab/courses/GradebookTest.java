package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {

    @TempDir
    Path temp;

    @Test
    void anIdThatASpreadsheetWouldRunIsText() {
        assertThat(Gradebook.cell("=HYPERLINK(\"https://evil.example\",\"100\")")).startsWith("'=HYPERLINK(");
        assertThat(Gradebook.cell("+1")).isEqualTo("'+1");
        assertThat(Gradebook.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Gradebook.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Gradebook.cell("\tx")).isEqualTo("'\tx");
        assertThat(Gradebook.cell("alice-1")).isEqualTo("alice-1");
        assertThat(Gradebook.cell("a\u202Eb\u0007")).isEqualTo("ab");
        assertThat(Gradebook.cell("\u202E=1+1")).isEqualTo("'=1+1");
        assertThat(Gradebook.cell("")).isEmpty();
    }

    @Test
    void theCsvQuotesWhatItMust() throws IOException {
        Path file = temp.resolve("gradebook.csv");
        Gradebook.write(List.of(new Gradebook.Row("=1+1,\"x\"\nnext", null, "@note")), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(1)).startsWith("\"'=1+1,\"\"x\"\"");
        assertThat(String.join("\n", lines)).contains("'@note");
    }
}
