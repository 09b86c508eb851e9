package org.paramlab.grader.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.paramlab.grader.report.NextStep;

/**
 * Compiles the student's files, and nothing else, with the JDK's own compiler, in this JVM: Java 17
 * ({@code --release 17}), against the tensor library alone, with no annotation processing (so that no code
 * of the submission runs while it compiles). Its messages are shortened to the student's files and lines.
 */
public final class StudentCompiler {

    /** The most compiler errors a report shows. */
    static final int MAX_ERRORS = 20;

    /**
     * The hint added under javac's {@code reference to Module is ambiguous}: with only
     * {@code import org.paramlab.nn.*;}, {@code Module} also names {@code java.lang.Module}.
     */
    static final String MODULE_HINT = "hint: add `import org.paramlab.nn.Module;`: a single-type import wins over "
            + "java.lang.Module";

    private StudentCompiler() {
    }

    /**
     * How the compilation went.
     *
     * @param ok       whether every file compiled
     * @param messages the errors, each as {@code Linear.java:42: error: ...} with the line and a caret
     */
    public record Result(boolean ok, List<String> messages) {

        /** Copies the list. */
        public Result {
            messages = List.copyOf(messages);
        }

        /** @return the messages as the report shows them: how many, then each */
        public String describe() {
            return NextStep.COMPILE_ERROR + " (" + messages.size() + " error" + (messages.size() == 1 ? "" : "s")
                    + (messages.size() >= MAX_ERRORS ? " shown" : "") + "), so no test can run:\n"
                    + String.join("\n", messages);
        }
    }

    /**
     * @param sources   the folder of the student's {@code .java} files (a source root such as {@code src/main/java})
     * @param classes   where the classes go; created
     * @param classpath what the files may use
     * @return how it went
     */
    public static Result compile(Path sources, Path classes, List<Path> classpath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler (javax.tools): grade with a JDK, not a JRE");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sources + ": " + e.getMessage(), e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files0 = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8",
                    "-nowarn", "-Xlint:none", "-Xmaxerrs", Integer.toString(MAX_ERRORS), "-d", classes.toString(),
                    "-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            StringWriter output = new StringWriter();
            boolean ok = javac.getTask(output, files0, diagnostics, options, null,
                    files0.getJavaFileObjectsFromPaths(files)).call();
            List<String> messages = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                if (diagnostic.getKind() == Diagnostic.Kind.ERROR && messages.size() < MAX_ERRORS) {
                    messages.add(format(diagnostic));
                }
            }
            if (!ok && messages.isEmpty()) {
                messages.add(output.toString().strip().isEmpty() ? "the compiler failed without a message"
                        : output.toString().strip());
            }
            return new Result(ok, messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> diagnostic) {
        String file = diagnostic.getSource() == null ? "" : Path.of(diagnostic.getSource().toUri()).getFileName()
                .toString();
        StringBuilder text = new StringBuilder();
        if (!file.isEmpty()) {
            text.append(file).append(':').append(diagnostic.getLineNumber()).append(": ");
        }
        String message = diagnostic.getMessage(Locale.ROOT).lines().findFirst().orElse("");
        text.append("error: ").append(message);
        if (diagnostic.getSource() != null && diagnostic.getLineNumber() > 0) {
            try {
                String line = diagnostic.getSource().getCharContent(true).toString().lines()
                        .skip(diagnostic.getLineNumber() - 1).findFirst().orElse("");
                if (line.length() <= 200) {
                    text.append("\n    ").append(line.strip()).append("\n    ")
                            .append(" ".repeat((int) Math.max(0, diagnostic.getColumnNumber() - 1
                                    - (line.length() - line.stripLeading().length())))).append('^');
                }
            } catch (IOException | RuntimeException e) {
                // the message alone
            }
        }
        return hint(message, text.toString());
    }

    /** {@code formatted}, with a line of advice added when javac's {@code message} is a known trap. */
    static String hint(String message, String formatted) {
        if (message.contains("reference to Module is ambiguous")) {
            return formatted + "\n    " + MODULE_HINT;
        }
        return formatted;
    }
}
