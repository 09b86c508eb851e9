package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.paramlab.grader.purity.StudentClasses;

/**
 * Makes sure a local run grades the student's files as they are now. Maven compiles them before grading, but
 * when they do not compile it leaves no classes (or, if the run was interrupted, older ones), and the build,
 * which goes on to grade ({@code --fail-at-end} in {@code .mvn/maven.config}), must then report the compiler's
 * errors with 0 points rather than grade nothing or an earlier version.
 *
 * <p>Maven's classes are taken when every file has its class, written after the file was last saved (a
 * stat per file: the usual case costs nothing). Otherwise the files are compiled here, with
 * {@link StudentCompiler}, into a folder of the run's own: a success is graded, a failure refuses the run
 * with the compiler's messages, shortened to the student's files and lines.
 */
public final class StudentBuild {

    private StudentBuild() {
    }

    /**
     * @param request          the run, with Maven's classes
     * @param compileClasspath what the student's files compile against (the tensor library)
     * @param into             where the files are compiled when Maven's classes are not theirs; emptied first
     * @return the request, with classes that are the files' own, or refused with the compiler's messages
     */
    public static GradingRequest current(GradingRequest request, List<Path> compileClasspath, Path into) {
        StudentClasses.Location code = request.code();
        if (upToDate(code.sources(), code.compiled())) {
            return request;
        }
        Trace.mark("student build: classes missing or older than the files, compiling");
        try {
            TestJvmLauncher.deleteTree(into);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + into + ": " + e.getMessage(), e);
        }
        StudentCompiler.Result compiled = StudentCompiler.compile(code.sources(), into, compileClasspath);
        if (!compiled.ok()) {
            return request.withRefusals(List.of(compiled.describe()));
        }
        return request.withCode(new StudentClasses.Location(code.studentPackage(), code.sources(), code.resources(), into));
    }

    /**
     * @param sources the student's source root
     * @param classes Maven's output folder for them
     * @return whether each {@code .java} file (but {@code package-info.java}) has the class of its name, of the
     *         same package, no older than the file
     */
    static boolean upToDate(Path sources, Path classes) {
        if (!Files.isDirectory(sources)) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.getFileName().toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("package-info.java") || name.equals("module-info.java")) {
                    continue;
                }
                Path relative = sources.relativize(file);
                Path compiled = classes.resolve(relative.toString().replaceAll("\\.java$", ".class"));
                if (!Files.isRegularFile(compiled)) {
                    return false;
                }
                FileTime saved = Files.getLastModifiedTime(file);
                if (Files.getLastModifiedTime(compiled).compareTo(saved) < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            // a file removed while looking: compile what is there now
            return false;
        }
    }
}
