package org.paramlab.grader.purity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import org.paramlab.grader.protocol.MavenCommand;

/**
 * Reads everything the student's module compiled, and keeps only what the student may contribute: the
 * classes of the student's package, each compiled from one of the student's own source files.
 * Everything else is a violation of {@value PurityRules#YOUR_FILES_ONLY} that names the file: a class
 * of another package (a file in {@code nn/} that declares {@code package org.paramlab.tensor.x;}),
 * a resource (a {@code META-INF/services} file, anything from {@code src/main/resources}), a class file
 * that no source file made, a class that cannot be read, or one whose name is already taken by the
 * grader or a library on the grading classpath.
 *
 * <p>The classes are read with ArchUnit, never loaded: nothing of the student's runs here. Only the
 * class files of the student's package are copied ({@link #stage}) to a fresh folder, the only student
 * folder the test JVM sees; the student's build output itself never reaches it, and the test JVM runs
 * nothing of them unless every rule holds.
 *
 * @param classes    every class read from the build output, whatever its package (for the rules)
 * @param problems   each violation, naming the file and what is wrong; empty when everything is the student's own
 * @param classFiles how many class files the build output holds
 */
public record StudentClasses(JavaClasses classes, List<String> problems, int classFiles) {

    /** Copies the list. */
    public StudentClasses {
        problems = List.copyOf(problems);
    }

    /**
     * Where the student's code is.
     *
     * @param studentPackage the package every student class must be in, for example {@code org.paramlab.nn}
     * @param sources        the student's source root ({@code exercises/src/main/java})
     * @param resources      the module's resource folder ({@code exercises/src/main/resources}), which must
     *                       not hold anything; may not exist
     * @param compiled       the build output of those sources ({@code exercises/target/classes})
     */
    public record Location(String studentPackage, Path sources, Path resources, Path compiled) {
    }

    /**
     * Copies the class files of the student's package (and nothing else) to a new folder, for the test
     * JVM's classpath.
     *
     * @param where where the student's code is
     * @param to    the folder to create
     * @throws UncheckedIOException if the folders cannot be read or written
     */
    public static void stage(Location where, Path to) {
        Path packageDir = where.compiled().resolve(where.studentPackage().replace('.', '/')).toAbsolutePath().normalize();
        List<Path> classes = Files.isDirectory(packageDir) ? files(packageDir).stream()
                .filter(f -> f.getFileName().toString().endsWith(".class") && f.getParent().equals(packageDir))
                .toList() : List.of();
        copy(where.compiled(), classes, to);
    }

    /**
     * @param where     where the student's code is
     * @param trusted   the grading classpath (folders and jars) whose class names the student may not reuse
     * @return what was found
     * @throws UncheckedIOException if the folders cannot be read
     */
    public static StudentClasses inspect(Location where, List<Path> trusted) {
        List<String> problems = new ArrayList<>();
        String packagePath = where.studentPackage().replace('.', '/');
        resources(where.resources(), problems);
        Path compiled = where.compiled().toAbsolutePath().normalize();
        List<Path> files = files(compiled);
        // Only the names of what the classes use matter to the rules: importing the JDK's classes too
        // would cost a second.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes = files.isEmpty() ? new ClassFileImporter().importClasses()
                : new ClassFileImporter().importPath(compiled);
        Map<Path, JavaClass> byFile = new HashMap<>();
        for (JavaClass javaClass : classes) {
            javaClass.getSource().map(Source::getUri).map(StudentClasses::path)
                    .ifPresent(file -> byFile.put(file, javaClass));
        }
        int classFiles = 0;
        try (NameIndex names = new NameIndex(trusted)) {
            for (Path file : files) {
                String relative = compiled.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".class")) {
                    problems.add(relative + " in the compiled output is not a class file: resources are not"
                            + " allowed (delete it from src/main/resources, then run `" + MavenCommand.MVN + " clean test`)");
                    continue;
                }
                classFiles++;
                problems.addAll(problems(byFile.get(file), relative, packagePath, where, names));
            }
        }
        if (files.isEmpty()) {
            problems.add("no compiled class in " + where.compiled() + ": did your code compile?");
        }
        return new StudentClasses(classes, problems, classFiles);
    }

    private static List<String> problems(JavaClass javaClass, String relative, String packagePath, Location where,
                                         NameIndex names) {
        if (javaClass == null) {
            return List.of(relative + " cannot be read as a Java class file, so it cannot be checked; it is"
                    + " refused (only classes javac compiled from your .java files are graded)");
        }
        String name = javaClass.getName();
        String source = javaClass.getSource().flatMap(Source::getFileName).orElse(null);
        String from = source == null ? relative : source + " (" + relative + ")";
        List<String> problems = new ArrayList<>();
        if (relative.equals("module-info.class") || name.endsWith("module-info")) {
            return List.of(from + ": a module declaration (module-info.java) is not allowed");
        }
        if (!javaClass.getPackageName().equals(where.studentPackage())) {
            problems.add(from + " declares package " + javaClass.getPackageName() + " (class " + name
                    + "): every file of yours must start with `package " + where.studentPackage() + ";`");
        } else if (!relative.equals(name.replace('.', '/') + ".class")) {
            problems.add(relative + " holds class " + name + ": a class file renamed or copied by hand");
        } else if (source == null || !Files.isRegularFile(where.sources().resolve(packagePath).resolve(source))) {
            problems.add(relative + " was not compiled from a .java file in " + where.sources().resolve(packagePath)
                    + (source == null ? "" : " (it names " + source + ")")
                    + ": class files copied into the build are not graded (one left over from a deleted file? run"
                    + " `" + MavenCommand.MVN + " clean test`)");
        }
        names.find(name.replace('.', '/') + ".class").ifPresent(entry -> problems.add(from + " defines " + name
                + ", a class that already exists in " + entry.getFileName() + " on the grading classpath: rename it"));
        return problems;
    }

    private static void resources(Path resources, List<String> problems) {
        if (resources == null || !Files.isDirectory(resources)) {
            return;
        }
        for (Path file : files(resources)) {
            problems.add(resources.getParent().getParent().relativize(file).toString().replace('\\', '/')
                    + ": resources are not allowed in your module (delete it)");
        }
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path path(URI uri) {
        try {
            return Path.of(uri).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return Path.of(uri.toString());
        }
    }

    private static void copy(Path compiled, List<Path> files, Path to) {
        Path from = compiled.toAbsolutePath().normalize();
        try {
            Files.createDirectories(to);
            for (Path file : files) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the student's classes to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Finds a class file's path on the grading classpath (folders and jars, each jar opened once). */
    private static final class NameIndex implements AutoCloseable {
        private final List<Path> entries;
        private final Map<Path, JarFile> jars = new HashMap<>();

        NameIndex(List<Path> entries) {
            this.entries = entries;
        }

        Optional<Path> find(String classFile) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    if (Files.exists(entry.resolve(classFile))) {
                        return Optional.of(entry);
                    }
                } else if (Files.isRegularFile(entry)) {
                    JarFile jar = jars.computeIfAbsent(entry, NameIndex::open);
                    if (jar != null && jar.getEntry(classFile) != null) {
                        return Optional.of(entry);
                    }
                }
            }
            return Optional.empty();
        }

        private static JarFile open(Path jar) {
            try {
                return new JarFile(jar.toFile(), false);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() {
            for (JarFile jar : jars.values()) {
                try {
                    if (jar != null) {
                        jar.close();
                    }
                } catch (IOException e) {
                    // only read
                }
            }
        }
    }
}
