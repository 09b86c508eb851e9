package org.paramlab.grader.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.BuiltGrader;

/**
 * No source file of the project is over {@value #LIMIT} lines unless the javadoc at its top says why, in a
 * sentence starting {@value #REASON}: a class that long usually does more than one job.
 */
class LongClassesTest {

    static final int LIMIT = 400;
    static final String REASON = "Long on purpose:";

    private static final Pattern TYPE = Pattern.compile(
            "^(public |final |abstract |sealed )*(class|interface|record|enum|@interface) ", Pattern.MULTILINE);

    @Test
    void everyFileOverTheLimitSaysWhyAtItsTop() throws IOException {
        List<String> unexplained = new ArrayList<>();
        Path root = BuiltGrader.repository();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).filter(p -> isSource(root.relativize(p)))
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                long lines = text.lines().count();
                var type = TYPE.matcher(text);
                String top = type.find() ? text.substring(0, type.start()) : text;
                if (lines > LIMIT && !top.contains(REASON)) {
                    unexplained.add(root.relativize(file) + " (" + lines + " lines)");
                }
            }
        }
        assertThat(unexplained).as("split these, or say at the top why they are long (\"%s ...\")", REASON).isEmpty();
    }

    /** @return whether a path is a module's source ({@code MODULE/src/...}), not build output or a copy */
    private static boolean isSource(Path relative) {
        return relative.getNameCount() > 2 && relative.getName(1).toString().equals("src")
                && !relative.getName(0).toString().startsWith(".");
    }
}
