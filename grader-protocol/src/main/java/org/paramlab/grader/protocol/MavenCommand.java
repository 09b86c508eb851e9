package org.paramlab.grader.protocol;

import java.util.Locale;

/**
 * How the grader's hints spell a Maven command: through the Maven Wrapper the repository carries,
 * {@code ./mvnw} on Linux and macOS and {@code mvnw.cmd} on Windows, so that a hint can be typed as printed
 * on a machine without Maven.
 */
public final class MavenCommand {

    /** The wrapper for the operating system this JVM runs on: {@code ./mvnw}, or {@code mvnw.cmd} on Windows. */
    public static final String MVN = wrapperFor(System.getProperty("os.name", ""));

    private MavenCommand() {
    }

    /** @return {@code mvnw.cmd} for an {@code os.name} that starts with "Windows", {@code ./mvnw} otherwise */
    static String wrapperFor(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? "mvnw.cmd" : "./mvnw";
    }

    /** @return the command with these arguments, for example {@code ./mvnw test -Dexercise=1.2} */
    public static String of(String arguments) {
        return MVN + " " + arguments;
    }
}
