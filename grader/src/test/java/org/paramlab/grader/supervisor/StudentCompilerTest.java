package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student's compiler errors, and the hint added under a known trap. */
class StudentCompilerTest {

    @TempDir
    Path temp;

    private StudentCompiler.Result compile(String useSource) throws IOException {
        Path src = temp.resolve("src");
        Path nn = Files.createDirectories(src.resolve("org/paramlab/nn"));
        Files.writeString(nn.resolve("Module.java"), "package org.paramlab.nn;\npublic abstract class Module {\n}\n");
        Path other = Files.createDirectories(src.resolve("org/paramlab/other"));
        Files.writeString(other.resolve("Use.java"), useSource);
        return StudentCompiler.compile(src, temp.resolve("classes"), List.of());
    }

    @Test
    void anAmbiguousModuleGetsTheImportHint() throws IOException {
        StudentCompiler.Result result = compile("package org.paramlab.other;\n\nimport org.paramlab.nn.*;\n\n"
                + "class Use {\n    Module m;\n}\n");

        assertThat(result.ok()).isFalse();
        assertThat(result.messages()).hasSize(1);
        assertThat(result.messages().get(0))
                .startsWith("Use.java:6: error: reference to Module is ambiguous")
                .endsWith("\n    hint: add `import org.paramlab.nn.Module;`: a single-type import wins over java.lang.Module");
        assertThat(result.describe()).contains("import org.paramlab.nn.Module;");
    }

    @Test
    void theSingleTypeImportCompiles() throws IOException {
        StudentCompiler.Result result = compile("package org.paramlab.other;\n\nimport org.paramlab.nn.*;\n"
                + "import org.paramlab.nn.Module;\n\nclass Use {\n    Module m;\n}\n");

        assertThat(result.ok()).isTrue();
        assertThat(result.messages()).isEmpty();
    }

    @Test
    void otherErrorsGetNoHint() throws IOException {
        StudentCompiler.Result result = compile("package org.paramlab.other;\n\nclass Use {\n    Missing m;\n}\n");

        assertThat(result.ok()).isFalse();
        assertThat(result.messages().get(0)).startsWith("Use.java:4: error: cannot find symbol").doesNotContain("hint:");
        assertThat(StudentCompiler.hint("cannot find symbol", "x")).isEqualTo("x");
    }
}
