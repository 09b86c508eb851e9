package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * ONNX Runtime's native libraries, unpacked once from its jar into a cache folder, so that a test JVM loads
 * them from there ({@code -Donnxruntime.native.path}) instead of unpacking 28 MB into its temporary folder
 * every time. When anything goes wrong, nothing is passed and ONNX Runtime unpacks them itself, as it always
 * can.
 */
final class OrtNativeLibraries {

    private static final String PREFIX = "ai/onnxruntime/native/";

    private OrtNativeLibraries() {
    }

    /**
     * @param classpath the test JVM's classpath (ONNX Runtime's jar among it)
     * @param cacheRoot where unpacked libraries are kept, one folder per jar
     * @return the folder to pass as {@code onnxruntime.native.path}, if the libraries could be unpacked
     */
    static Optional<Path> unpacked(List<Path> classpath, Path cacheRoot) {
        try {
            Optional<Path> jar = classpath.stream().filter(p -> p.getFileName().toString().startsWith("onnxruntime")
                    && p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).findFirst();
            if (jar.isEmpty()) {
                return Optional.empty();
            }
            String platform = platform();
            String name = jar.get().getFileName().toString().replace(".jar", "") + "-" + Files.size(jar.get()) + "-"
                    + platform;
            Path folder = cacheRoot.resolve(name);
            if (Files.isDirectory(folder)) {
                return Optional.of(folder);
            }
            Files.createDirectories(cacheRoot);
            Path partial = Files.createTempDirectory(cacheRoot, name + ".part");
            int unpacked = 0;
            try (JarFile file = new JarFile(jar.get().toFile())) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String path = entry.getName();
                    if (!entry.isDirectory() && path.startsWith(PREFIX + platform + "/")
                            && path.indexOf('/', (PREFIX + platform + "/").length()) < 0) {
                        try (InputStream in = file.getInputStream(entry)) {
                            Files.copy(in, partial.resolve(path.substring(path.lastIndexOf('/') + 1)));
                        }
                        unpacked++;
                    }
                }
            }
            if (unpacked == 0) {
                return Optional.empty();
            }
            try {
                // readable by a test JVM that runs as another user (temporary folders start private)
                Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            try {
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                // another supervisor unpacked it at the same moment: use theirs
            }
            return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return ONNX Runtime's name for this platform's folder, as in its jar: {@code linux-x64}, {@code osx-aarch64}, ... */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x64";
        return system + "-" + cpu;
    }
}
