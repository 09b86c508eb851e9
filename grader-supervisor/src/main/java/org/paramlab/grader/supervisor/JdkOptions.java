package org.paramlab.grader.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test JVM's options that depend on which JDK starts it, read from that JDK's {@code release} file
 * (its {@code JAVA_VERSION}), not from the supervisor's own runtime, so that the decision is about the
 * {@code java} actually launched.
 *
 * <p>{@code --enable-native-access=ALL-UNNAMED}: ONNX Runtime loads its library with {@code System.load},
 * which Java 24 and later report on the test JVM's output ("WARNING: A restricted method in java.lang.System
 * has been called", JEP 472) unless native access is enabled for its module; ONNX Runtime's jar is on the
 * classpath, so that module is the unnamed one. The option exists since Java 17 (JEP 412), where it changes
 * nothing the grader uses; a JDK whose version cannot be read gets no option (the warning at worst, never a
 * JVM that refuses to start). It grants the student's code nothing it could not do before: until a JDK
 * denies native access by default, it only silences the warning, and rule 0.1 bans native code anyway.
 */
final class JdkOptions {

    /** The first Java feature release that knows {@code --enable-native-access}. */
    static final int NATIVE_ACCESS_SINCE = 17;

    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");

    private JdkOptions() {
    }

    /**
     * @param java the {@code java} launcher of the test JVM ({@code JAVA_HOME/bin/java})
     * @return the options to add to its command line
     */
    static List<String> forLauncher(Path java) {
        Path home = java.toAbsolutePath().getParent() == null ? null : java.toAbsolutePath().getParent().getParent();
        OptionalInt feature = home == null ? OptionalInt.empty() : featureVersion(home);
        return forFeature(feature);
    }

    /** @return the options for a JDK of this feature release (empty: unknown) */
    static List<String> forFeature(OptionalInt feature) {
        return feature.isPresent() && feature.getAsInt() >= NATIVE_ACCESS_SINCE ? List.of(NATIVE_ACCESS) : List.of();
    }

    /** @return the feature release ({@code 17}, {@code 25}) in {@code javaHome/release}, if it can be read */
    static OptionalInt featureVersion(Path javaHome) {
        try {
            String release = Files.readString(javaHome.resolve("release"), StandardCharsets.ISO_8859_1);
            Matcher m = JAVA_VERSION.matcher(release);
            if (!m.find()) {
                return OptionalInt.empty();
            }
            int major = Integer.parseInt(m.group(1));
            if (major == 1) { // "1.8.0_402": Java 8 and older spell it this way
                Matcher old = Pattern.compile("(?m)^JAVA_VERSION=\"?1\\.(\\d+)").matcher(release);
                return old.find() ? OptionalInt.of(Integer.parseInt(old.group(1))) : OptionalInt.empty();
            }
            return OptionalInt.of(major);
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
