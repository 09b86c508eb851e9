package org.paramlab.tour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import org.paramlab.grader.protocol.Exercise;

/**
 * The exercises whose stubs are still in the learner's code: every {@code new NotImplementedException("1.2 ...")}
 * in its sources, found by the JDK's own Java parser (so a stub in a comment or a string does not count). The
 * tour's cells reach only some exercises; this census tells it of the others, so that it names the same next
 * exercise as the grader ({@link org.paramlab.grader.protocol.ExerciseProgress}).
 */
final class StubCensus {

    private static final String EXCEPTION = "NotImplementedException";

    private StubCensus() {
    }

    /**
     * @param sources the learner's {@code src/main/java}
     * @return the exercises with at least one stub left, empty when the folder does not exist
     * @throws UncheckedIOException if the folder cannot be read
     */
    static Set<Exercise> scan(Path sources) {
        Set<Exercise> stubs = EnumSet.noneOf(Exercise.class);
        if (sources == null || !Files.isDirectory(sources)) {
            return stubs;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources in " + sources, e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || files.isEmpty()) {
            return stubs;
        }
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            // parse only: a source that does not compile still has its stubs counted, and nothing is written
            JavacTask task = (JavacTask) javac.getTask(null, fileManager, diagnostic -> { }, List.of("-proc:none"),
                    null, fileManager.getJavaFileObjectsFromPaths(files));
            for (CompilationUnitTree unit : task.parse()) {
                unit.accept(new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitNewClass(NewClassTree node, Void unused) {
                        if (node.getIdentifier().toString().endsWith(EXCEPTION) && node.getArguments().size() == 1) {
                            stubOf(node.getArguments().get(0), stubs);
                        }
                        return super.visitNewClass(node, unused);
                    }
                }, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the sources in " + sources, e);
        }
        return stubs;
    }

    /** {@code "1.2 Linear.forward"}: the exercise is the first word. */
    private static void stubOf(ExpressionTree argument, Set<Exercise> stubs) {
        if (argument instanceof LiteralTree literal && literal.getValue() instanceof String text) {
            String[] words = text.strip().split("\\s+", 2);
            Exercise.find(words[0]).ifPresent(stubs::add);
        }
    }
}
