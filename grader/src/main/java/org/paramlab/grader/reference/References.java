package org.paramlab.grader.reference;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The entry point to the reference models: {@code References.load("net.onnx")}.
 *
 * <p>Each file is read from the classpath, checked against the manifest's SHA-256, parsed and given
 * one ONNX Runtime session, once per file and provider per JVM; later calls return the same
 * {@link ReferenceModel}. Safe to call from several threads (a failed load is not cached, so it
 * fails again with the same message).
 */
public final class References {

    private record Key(String fileName, Provider provider) {
    }

    private static final ConcurrentMap<Key, ReferenceModel> MODELS = new ConcurrentHashMap<>();
    private static volatile ReferenceManifest manifest;

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
            byte[] bytes = m.readVerified(k.fileName());
            return ReferenceModel.open(k.fileName(), bytes, k.provider(), m);
        });
    }

    /** The manifest on the classpath, read once. */
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
