package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVM's class-data sharing: folders become jars once per content, the first run lists its
 * classes, the archive is then built ({@code java -Xshare:dump}, for real), and later runs use it.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ClassDataSharingTest {

    @TempDir
    Path temp;

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A folder holding one class file, as the grader's target/classes does. */
    private Path classesFolder() throws IOException {
        Path folder = temp.resolve("classes");
        Path dir = folder.resolve("org/paramlab/grader/supervisor");
        Files.createDirectories(dir);
        try (var in = ClassDataSharingTest.class.getResourceAsStream("Trace.class")) {
            Files.copy(in, dir.resolve("Trace.class"));
        }
        return folder;
    }

    @Test
    void offLeavesTheClasspathAndOptionsAlone() throws IOException {
        Path folder = classesFolder();
        ClassDataSharing sharing = new ClassDataSharing(temp.resolve("cache"), java(), ClassDataSharing.Mode.OFF);
        ClassDataSharing.Setup setup = sharing.prepare(List.of(folder));
        assertThat(setup.classpath()).containsExactly(folder);
        assertThat(setup.options()).isEmpty();
        assertThat(setup.dumpAfter()).isFalse();
        assertThat(new ClassDataSharing(null, java(), ClassDataSharing.Mode.NOW).prepare(List.of(folder)).options())
                .as("no cache folder, no sharing").isEmpty();
    }

    @Test
    void aFolderBecomesAJarOncePerContent() throws IOException {
        Path folder = classesFolder();
        ClassDataSharing sharing = new ClassDataSharing(temp.resolve("cache"), java(), ClassDataSharing.Mode.BACKGROUND);
        Path jar = sharing.prepare(List.of(folder)).classpath().get(0);
        assertThat(jar.getFileName().toString()).endsWith(".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("org/paramlab/grader/supervisor/Trace.class")).isNotNull();
        }
        assertThat(sharing.prepare(List.of(folder)).classpath().get(0)).as("unchanged folder, same jar").isEqualTo(jar);
        Path file = folder.resolve("org/paramlab/grader/supervisor/Trace.class");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        Path rebuilt = sharing.prepare(List.of(folder)).classpath().get(0);
        assertThat(rebuilt).as("a changed folder gets a new jar").isNotEqualTo(jar);
        assertThat(jar).as("and the old one is removed").doesNotExist();
    }

    @Test
    void theFirstRunListsItsClassesTheArchiveIsBuiltAndLaterRunsUseIt() throws IOException {
        Path folder = classesFolder();
        Path cache = temp.resolve("cache");
        ClassDataSharing sharing = new ClassDataSharing(cache, java(), ClassDataSharing.Mode.NOW);
        ClassDataSharing.Setup first = sharing.prepare(List.of(folder));
        assertThat(first.dumpAfter()).isTrue();
        String listOption = first.options().get(0);
        assertThat(listOption).startsWith("-XX:DumpLoadedClassList=");
        // what a test JVM would have written: a class of the jar and one of the JDK
        Files.writeString(Path.of(listOption.substring(listOption.indexOf('=') + 1)),
                "org/paramlab/grader/supervisor/Trace\njava/lang/Object\n");
        sharing.afterRun(first);
        ClassDataSharing.Setup later = sharing.prepare(List.of(folder));
        assertThat(later.options()).anySatisfy(o -> assertThat(o).startsWith("-XX:SharedArchiveFile="));
        assertThat(later.options()).contains("-Xshare:auto");
        assertThat(later.dumpAfter()).isFalse();
        Path archive = Path.of(later.options().get(0).substring("-XX:SharedArchiveFile=".length()));
        assertThat(archive).isRegularFile();
        // the archive is really usable with that classpath
        Process check = new ProcessBuilder(java().toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp",
                later.classpath().get(0).toString(), "-version").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(waitFor(check)).as(output).isZero();
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
