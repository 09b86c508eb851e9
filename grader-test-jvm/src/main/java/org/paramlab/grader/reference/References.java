package org.paramlab.grader.reference;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.paramlab.grader.protocol.Provider;

/**
 * The entry point to the reference models: {@code References.load("net.onnx")}.
 *
 * <p>Each file is checked against the manifest's SHA-256, parsed and given one ONNX Runtime session,
 * once per file and provider per JVM; later calls return the same {@link ReferenceModel}. Safe to
 * call from several threads (a failed load is not cached, so it fails again with the same message).
 *
 * <p>In a grading run the files come from the supervisor, over its private channel, before any
 * student class loads ({@link #install}); they are not on the test JVM's classpath, so the student's
 * code has no way to read them. Elsewhere (the grader's own unit tests) they are read from the
 * classpath, where the reference-models module puts them.
 */
public final class References {

    private record Key(String fileName, Provider provider) {
    }

    private static final ConcurrentMap<Key, ReferenceModel> MODELS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, ReferenceData> DATA = new ConcurrentHashMap<>();
    private static volatile ReferenceManifest manifest;
    private static volatile Map<String, byte[]> installed;

    private References() {
    }

    /**
     * The model in {@code fileName} (e.g. {@code net.onnx}) on {@link Provider#current()}.
     *
     * @throws ReferenceIntegrityException  if the file is missing, unlisted or altered
     * @throws ProviderUnavailableException if {@code -Dparamlab.provider=cuda} and CUDA cannot run here
     */
    public static ReferenceModel load(String fileName) {
        return load(fileName, Provider.current());
    }

    /** The model in {@code fileName} on the given provider; see {@link #load(String)}. */
    public static ReferenceModel load(String fileName, Provider provider) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(provider, "provider");
        return MODELS.computeIfAbsent(new Key(fileName, provider), k -> {
            ReferenceManifest m = manifest();
            byte[] bytes = installed == null ? m.readVerified(k.fileName()) : readInstalled(m, k.fileName());
            return ReferenceModel.open(k.fileName(), bytes, k.provider(), m);
        });
    }

    /**
     * The data of {@code fileName} (e.g. {@code corpus.onnx}): its metadata, checked like every reference, read
     * once per JVM without an ONNX Runtime session.
     *
     * @throws ReferenceIntegrityException if the file is missing, unlisted or altered
     */
    public static ReferenceData data(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return DATA.computeIfAbsent(fileName, name -> {
            ReferenceManifest m = manifest();
            byte[] bytes = installed == null ? m.readVerified(name) : readInstalled(m, name);
            return new ReferenceData(name, OnnxFile.parse(name, bytes));
        });
    }

    /**
     * Uses these files, and nothing from the classpath, for the rest of this JVM's life. The test JVM
     * calls it once, with what the supervisor sent, before any test is discovered.
     *
     * @param files the reference files and {@value ReferenceManifest#MANIFEST}, by file name
     * @throws ReferenceIntegrityException if the manifest is missing or invalid
     * @throws IllegalStateException       if references were already installed or read
     */
    public static synchronized void install(Map<String, byte[]> files) {
        if (installed != null || manifest != null) {
            throw new IllegalStateException("the reference files are already chosen for this JVM");
        }
        byte[] json = files.get(ReferenceManifest.MANIFEST);
        if (json == null) {
            throw new ReferenceIntegrityException(ReferenceManifest.MANIFEST + " was not sent to the test JVM; restore"
                    + " it with git checkout " + Integrity.MODELS_DIR + ReferenceManifest.MANIFEST);
        }
        manifest = ReferenceManifest.parse(json);
        installed = Map.copyOf(files);
    }

    private static byte[] readInstalled(ReferenceManifest m, String fileName) {
        byte[] bytes = installed.get(fileName);
        if (bytes == null) {
            throw new ReferenceIntegrityException(fileName + " is not among the reference files ("
                    + String.join(", ", m.files()) + ").\nFix: restore it with git checkout " + Integrity.MODELS_DIR
                    + fileName + ", or regenerate all references with " + Integrity.REGENERATE);
        }
        m.verify(fileName, bytes);
        return bytes;
    }

    /**
     * Loads ONNX Runtime's native library now, so that the first test that runs a reference does not wait
     * for it; a failure is left for that test to report.
     */
    public static void warmUp() {
        try {
            OrtSessions.environment();
        } catch (RuntimeException | LinkageError e) {
            // reported where a test needs ONNX Runtime
        }
    }

    /** The manifest: the one installed, else the one on the classpath, read once. */
    public static ReferenceManifest manifest() {
        ReferenceManifest m = manifest;
        if (m == null) {
            synchronized (References.class) {
                m = manifest;
                if (m == null) {
                    m = ReferenceManifest.fromClasspath();
                    manifest = m;
                }
            }
        }
        return m;
    }

    /**
     * Opens a model from bytes after checking them against the manifest, without caching it: for
     * tests of the integrity check and of sessions that are closed on purpose.
     */
    static ReferenceModel openUncached(String fileName, byte[] bytes, Provider provider) {
        ReferenceManifest m = manifest();
        m.verify(fileName, bytes);
        return ReferenceModel.open(fileName, bytes, provider, m);
    }
}
