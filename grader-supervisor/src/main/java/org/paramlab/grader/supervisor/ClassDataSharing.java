package org.paramlab.grader.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Class-data sharing (AppCDS) for the test JVM: the classes every run loads again (JUnit, Jackson,
 * AssertJ, ONNX Runtime's Java side, the grader) are read from a shared archive instead, which saves
 * a third of a second of every run on a small machine.
 *
 * <p>Java 17 archives classes from jars only, so the trusted folders of the test JVM's classpath (the
 * grader's classes and test classes, the tensor library) are copied into jars in the cache first, once
 * per content. The student's classes stay a folder, last on the classpath: Java accepts entries after
 * the archived ones, and never archives them. The first run writes the list of classes it loaded
 * ({@code -XX:DumpLoadedClassList}); then {@code java -Xshare:dump} builds the archive from it, in the
 * background for a student's loop or at once before a batch, and later runs use it
 * ({@code -Xshare:auto}: an archive that does not fit this JVM is ignored, never an error). Everything
 * lives in the cache folder and is keyed by the Java runtime and by the jars' sizes and times, so a new
 * JDK or a rebuilt grader makes a new archive.
 */
final class ClassDataSharing {

    /** When the archive is built. */
    enum Mode {
        /** Never: one-off runs (a single course submission in a fresh container). */
        OFF,
        /** After a run that had none, by a process that outlives the run: a student's edit-grade loop. */
        BACKGROUND,
        /** Before the run, synchronously, if it is missing: the start of a batch. */
        NOW
    }

    /**
     * How to start the test JVM.
     *
     * @param classpath the trusted classpath, folders replaced by jars where sharing is on
     * @param options   the JVM options that use or prepare the archive
     * @param dumpAfter whether a run with these options should build the archive afterwards
     */
    record Setup(List<Path> classpath, List<String> options, boolean dumpAfter) {
    }

    private static final Duration DUMP_IN_PROGRESS = Duration.ofMinutes(2);

    private final Path dir;
    private final Path java;
    private final Mode mode;

    /**
     * @param cacheDir the cache folder (kept from run to run), or {@code null} for none
     * @param java     the {@code java} launcher of the test JVM
     * @param mode     when to build the archive
     */
    ClassDataSharing(Path cacheDir, Path java, Mode mode) {
        this.dir = cacheDir == null ? null : cacheDir.resolve("cds");
        this.java = java;
        this.mode = cacheDir == null ? Mode.OFF : mode;
    }

    /**
     * @param trusted the test JVM's trusted classpath (folders and jars), in order
     * @return the classpath and options for the test JVM; without sharing (mode off, or anything failing
     *         here) the classpath as given and no option
     */
    Setup prepare(List<Path> trusted) {
        if (mode == Mode.OFF) {
            return new Setup(trusted, List.of(), false);
        }
        try {
            Files.createDirectories(dir);
            List<Path> jars = new ArrayList<>();
            for (Path entry : trusted) {
                jars.add(Files.isDirectory(entry) ? jarOf(entry) : entry);
            }
            String key = key(jars);
            Path archive = dir.resolve("sandbox-" + key + ".jsa");
            Path classList = dir.resolve("sandbox-" + key + ".classlist");
            if (!Files.isRegularFile(archive) && mode == Mode.NOW && Files.isRegularFile(classList)) {
                dump(jars, classList, archive);
            }
            if (Files.isRegularFile(archive)) {
                Trace.mark("class-data sharing: using " + archive.getFileName());
                return new Setup(jars, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                        "-Xlog:class+path=off"), false);
            }
            if (Files.isRegularFile(classList)) {
                return new Setup(jars, List.of(), !dumpInProgress(archive));
            }
            removeStale(key);
            Trace.mark("class-data sharing: listing the classes this run loads");
            return new Setup(jars, List.of("-XX:DumpLoadedClassList=" + classList), true);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Trace.mark("class-data sharing: off (" + e + ")");
            return new Setup(trusted, List.of(), false);
        }
    }

    /**
     * Builds the archive after a run that listed its classes: in a process of its own that outlives this
     * one ({@link Mode#BACKGROUND}), or now ({@link Mode#NOW}).
     */
    void afterRun(Setup setup) {
        if (!setup.dumpAfter() || mode == Mode.OFF) {
            return;
        }
        try {
            String key = key(setup.classpath());
            Path archive = dir.resolve("sandbox-" + key + ".jsa");
            Path classList = dir.resolve("sandbox-" + key + ".classlist");
            if (!Files.isRegularFile(classList) || Files.isRegularFile(archive)) {
                return;
            }
            if (mode == Mode.NOW) {
                dump(setup.classpath(), classList, archive);
                return;
            }
            Files.writeString(inProgress(archive), Instant.now().toString(), StandardCharsets.UTF_8);
            Path log = dir.resolve("dump.log");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:off", "-XX:TieredStopAtLevel=1",
                    "-cp", codeSource(),
                    Dumper.class.getName(), java.toString(), classList.toString(), archive.toString()));
            command.addAll(setup.classpath().stream().map(Path::toString).toList());
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Trace.mark("class-data sharing: archive being built in the background");
        } catch (IOException | RuntimeException e) {
            Trace.mark("class-data sharing: no archive (" + e + ")");
        }
    }

    /** Runs {@code java -Xshare:dump} and moves the archive in place when it is complete. */
    static void dump(Path java, Path classList, Path archive, List<Path> classpath) throws IOException {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial-" + ProcessHandle.current().pid());
        // the test JVM's JDK-dependent options too, so that the archive is dumped as it will be used
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:dump"));
        command.addAll(JdkOptions.forLauncher(java));
        command.addAll(List.of("-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + partial, "-Xlog:cds=off", "-Xlog:cds+map=off", "-cp",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int status = process.waitFor();
            if (status == 0 && Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(partial);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Files.deleteIfExists(partial);
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(archive.resolveSibling(archive.getFileName() + ".dumping"));
        }
    }

    private void dump(List<Path> jars, Path classList, Path archive) throws IOException {
        Trace.mark("class-data sharing: building the archive");
        dump(java, classList, archive, jars);
        Trace.mark("class-data sharing: archive built");
    }

    /** The background builder: {@code Dumper JAVA CLASSLIST ARCHIVE JAR...}. */
    static final class Dumper {

        private Dumper() {
        }

        /** @param args the launcher, the class list, the archive and the classpath's jars */
        public static void main(String[] args) throws IOException {
            List<Path> classpath = Stream.of(args).skip(3).map(Path::of).toList();
            dump(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), classpath);
        }
    }

    private static String codeSource() {
        try {
            return Path.of(ClassDataSharing.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path inProgress(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".dumping");
    }

    private boolean dumpInProgress(Path archive) throws IOException {
        Path marker = inProgress(archive);
        return Files.isRegularFile(marker) && Files.getLastModifiedTime(marker).toInstant()
                .isAfter(Instant.now().minus(DUMP_IN_PROGRESS));
    }

    /** A jar of {@code folder}'s files, in the cache, made once per content (names, sizes and times). */
    private Path jarOf(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update((folder.relativize(file) + "\n" + Files.size(file) + "\n"
                    + Files.getLastModifiedTime(file).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String prefix = "dir-" + hex(sha256().digest(folder.toAbsolutePath().normalize().toString()
                .getBytes(StandardCharsets.UTF_8))).substring(0, 12) + "-";
        Path jar = dir.resolve(prefix + hex(digest.digest()).substring(0, 16) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path partial = dir.resolve(jar.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try (OutputStream out = Files.newOutputStream(partial); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                JarEntry entry = new JarEntry(folder.relativize(file).toString().replace('\\', '/'));
                entry.setLastModifiedTime(FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis()));
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path stale : old.filter(p -> p.getFileName().toString().startsWith(prefix) && !p.equals(jar)
                    && !p.getFileName().toString().contains(".partial-")).toList()) {
                Files.deleteIfExists(stale);
            }
        }
        return jar;
    }

    /** Removes archives and class lists of other keys (an older grader or JDK). */
    private void removeStale(String key) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("sandbox-")
                    && !p.getFileName().toString().startsWith("sandbox-" + key)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The Java runtime and every jar's path, size and time: what an archive is valid for. */
    private static String key(List<Path> jars) throws IOException {
        MessageDigest digest = sha256();
        digest.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Path jar : jars) {
            digest.update((jar.toAbsolutePath() + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis()
                    + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return hex(digest.digest()).substring(0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
