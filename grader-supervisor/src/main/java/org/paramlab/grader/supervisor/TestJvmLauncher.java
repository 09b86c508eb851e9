package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.paramlab.grader.reference.CudaStatus;
import org.paramlab.grader.reference.ProviderDecision;
import org.paramlab.grader.protocol.ProviderRequest;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * Starts the JVMs a run needs besides its own: the test JVMs, a spare one ahead of the next run (watch mode)
 * and the CUDA probe, all with the same options, classpaths, environment and folders.
 */
final class TestJvmLauncher {

    private final GradingRequest request;
    private final RunClock clock;
    /** ONNX Runtime's unpacked native libraries for the test JVMs; empty when ORT unpacks them itself. */
    private String ortNative;
    private ClassDataSharing sharing;
    private ClassDataSharing.Setup sharingSetup;
    /** A test JVM started ahead of this run (watch mode), used for its first test JVM if it fits. */
    private Supervisor.Spare spare;
    /** Tells whether CUDA can run; {@code null} for the real probe ({@link CudaProbeProcess}). */
    private Supplier<CudaStatus> cudaProbe;

    TestJvmLauncher(GradingRequest request, RunClock clock) {
        this.request = request;
        this.clock = clock;
    }

    /** @param probe what to ask instead of a probe JVM whether CUDA can run (the grader's own tests) */
    void cudaProbe(Supplier<CudaStatus> probe) {
        this.cudaProbe = probe;
    }

    /** @param value a test JVM started ahead for this run, or {@code null} */
    void offer(Supervisor.Spare value) {
        this.spare = value;
    }

    /**
     * Starts a test JVM for the next run of this request now (watch mode, between saves).
     *
     * @return the waiting JVM
     * @throws IOException if it cannot be started
     */
    Supervisor.Spare startSpare() throws IOException {
        Files.createDirectories(tmp());
        List<String> options = spareOptions();
        List<Path> classpath = classpathWithStudent();
        CappedOutput out = new CappedOutput(request.reportDir().resolve(ReportFiles.OUTPUT), Supervisor.OUTPUT_LIMIT,
                false);
        SandboxServer server = SandboxServer.open();
        SandboxProcess process = SandboxProcess.start(request.launcherPrefix(), java(), options, classpath, server.port(),
                server.secretLine(), SandboxEnvironment.of(request.environment(), tmp().toString()), request.workDir(),
                out);
        return new Supervisor.Spare(server, process, out, options, classpath);
    }

    /** The first test JVM's options; a spare never lists its classes (a run that adopts one has its archive). */
    private List<String> spareOptions() {
        List<String> options = new ArrayList<>(jvmOptions());
        options.addAll(sharing().options().stream().filter(o -> !o.startsWith("-XX:DumpLoadedClassList")).toList());
        return options;
    }

    /** Ends a spare this run did not need (nothing to run): it must not wait forever. */
    void endUnusedSpare() {
        if (spare != null) {
            spare.close();
            spare = null;
        }
    }

    /** The spare this run can use for its first test JVM, or {@code null}; one that does not fit is ended. */
    Supervisor.Spare adoptSpare() {
        Supervisor.Spare candidate = spare;
        spare = null;
        if (candidate == null) {
            return null;
        }
        if (candidate.process.isAlive() && candidate.options.equals(spareOptions())
                && candidate.classpath.equals(classpathWithStudent())) {
            Trace.mark("test JVM 1: a spare started ahead is used");
            return candidate;
        }
        candidate.close();
        return null;
    }

    /** @return the spare for test JVM {@code number}, or {@code null}: only the first may use it, and only once */
    Supervisor.Spare takeSpare(int number) {
        Supervisor.Spare ahead = number == 1 ? spare : null;
        spare = null;
        return ahead;
    }

    /**
     * @param junit the folder where the test JVM writes JUnit's XML report
     * @throws IOException if it cannot be created
     */
    void prepareJUnitDir(Path junit) throws IOException {
        Files.createDirectories(junit);
        if (!request.launcherPrefix().isEmpty()) {
            // the test JVM runs as another (unprivileged) user, who must write its temporary files and report
            writableByAll(junit);
            writableByAll(tmp());
        }
    }

    /**
     * @param number the test JVM's number in the run
     * @param ahead  its spare started ahead, or {@code null} to start one now
     * @param server where it connects to
     * @param output where its output goes
     * @return the test JVM
     * @throws IOException if it cannot be started
     */
    SandboxProcess testJvm(int number, Supervisor.Spare ahead, SandboxServer server, CappedOutput output)
            throws IOException {
        List<String> options = new ArrayList<>(jvmOptions());
        List<String> sharingOptions = sharing().options();
        // only the first test JVM lists the classes it loads; a replacement would overwrite that list
        options.addAll(number == 1 ? sharingOptions
                : sharingOptions.stream().filter(o -> !o.startsWith("-XX:DumpLoadedClassList")).toList());
        return ahead != null ? ahead.process : SandboxProcess.start(request.launcherPrefix(),
                java(), options, classpathWithStudent(), server.port(), server.secretLine(),
                SandboxEnvironment.of(request.environment(), tmp().toString()), request.workDir(), output);
    }

    /**
     * Decides the run's provider once, before any test JVM starts: {@code cpu} at no cost, {@code cuda} and
     * {@code auto} after one probe (a short-lived JVM with the test JVM's classpath and environment).
     */
    ProviderDecision decideProvider() {
        ProviderRequest requested = request.settings().providerRequest();
        ProviderDecision decision = ProviderDecision.decide(requested == null ? ProviderRequest.CPU : requested,
                () -> {
                    Trace.mark("provider: probing CUDA");
                    CudaStatus status = cudaProbe != null ? cudaProbe.get() : CudaProbeProcess.probe(java(),
                            jvmOptions().stream().filter(o -> o.startsWith("-Donnxruntime.native.path=")).toList(),
                            trustedClasspath(), SandboxEnvironment.of(request.environment(), tmp().toString()),
                            request.references().resolve(CudaProbeProcess.MODEL), request.workDir(),
                            clock.shorter(CudaProbeProcess.LIMIT));
                    Trace.mark("provider: CUDA probed");
                    return status;
                });
        if (!decision.canGrade()) {
            endUnusedSpare();
        }
        return decision;
    }

    /** Lets the class-data sharing keep what the run's first test JVM listed, if it was prepared. */
    void afterRun() {
        if (sharingSetup != null) {
            sharing.afterRun(sharingSetup);
        }
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        if (ortNative == null) {
            Path cache = request.cacheDir() != null ? request.cacheDir() : request.workDir().resolve("cache");
            ortNative = OrtNativeLibraries.unpacked(request.classpath(), cache).map(Path::toString).orElse("");
        }
        if (!ortNative.isEmpty()) {
            options.add("-Donnxruntime.native.path=" + ortNative);
        }
        options.addAll(List.of("-Xmx" + request.testHeapMb() + "m", "-Xss4m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tmp(),
                "-XX:ErrorFile=" + request.workDir().resolve("hs_err_pid%p.log")));
        options.addAll(JdkOptions.forLauncher(java()));
        return List.copyOf(options);
    }

    private Path tmp() {
        return request.workDir().resolve("tmp");
    }

    /** @return the grader's own classes: the graded tests, then the grader and its libraries */
    List<Path> trustedClasspath() {
        List<Path> classpath = new ArrayList<>();
        classpath.add(request.testClasses());
        classpath.addAll(request.classpath());
        return classpath;
    }

    /** The test JVM's class-data sharing, prepared once per run (see {@link ClassDataSharing}). */
    private ClassDataSharing.Setup sharing() {
        if (sharingSetup == null) {
            sharing = new ClassDataSharing(request.cacheDir(), java(), switch (request.classSharing()) {
                case OFF -> ClassDataSharing.Mode.OFF;
                case BACKGROUND -> ClassDataSharing.Mode.BACKGROUND;
                case NOW -> ClassDataSharing.Mode.NOW;
            });
            sharingSetup = sharing.prepare(trustedClasspath());
        }
        return sharingSetup;
    }

    private List<Path> classpathWithStudent() {
        List<Path> classpath = new ArrayList<>(sharing().classpath());
        classpath.add(studentClasses());
        return classpath;
    }

    /** @return where the student's own classes are staged for the test JVMs */
    Path studentClasses() {
        return request.workDir().resolve("student-classes");
    }

    /** @return where test JVM {@code number} writes JUnit's XML report */
    Path junitDir(int number) {
        return request.workDir().resolve("junit-" + number);
    }

    /** @param keepSpare whether a spare test JVM runs in the work folder: its temporary folder is kept */
    void prepareFolders(boolean keepSpare) {
        try {
            if (keepSpare) {
                try (Stream<Path> files = Files.list(request.workDir())) {
                    for (Path f : files.filter(f -> !f.equals(tmp())).toList()) {
                        deleteTree(f);
                    }
                }
            } else {
                deleteTree(request.workDir());
            }
            Files.createDirectories(tmp());
            Files.createDirectories(request.reportDir());
            for (String stale : List.of(ReportFiles.RESULTS, ReportFiles.SUMMARY, ReportFiles.PLAN,
                    ReportFiles.PROGRESS)) {
                Files.deleteIfExists(request.reportDir().resolve(stale));
            }
            deleteTree(request.reportDir().resolve("junit"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + request.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static void writableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: there is no user to run as either
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
