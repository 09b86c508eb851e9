package org.paramlab.grader.supervisor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.paramlab.grader.report.ReportWriter;

/**
 * The environment of the test JVM: only the variables a JVM and ONNX Runtime need, copied from the
 * supervisor's. Everything else, {@code GITHUB_*} (the step summary, {@code GITHUB_ENV},
 * {@code GITHUB_OUTPUT}, tokens), {@code ACTIONS_*}, {@code RUNNER_*} and every other CI secret, stays
 * out of the student's reach.
 */
public final class SandboxEnvironment {

    /**
     * The variables passed on, when the supervisor has them, whatever the case of their names: Windows spells
     * them as it likes ({@code Path}, {@code SystemRoot}, {@code windir}) and reads them in any case.
     */
    static final Set<String> ALLOWED = Set.of(
            "PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
            // Windows cannot start a JVM (or open a socket) without these.
            "SYSTEMROOT", "WINDIR", "COMSPEC",
            // ONNX Runtime's CUDA provider finds its libraries and device through these.
            "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "CUDA_HOME", "CUDA_PATH");

    private SandboxEnvironment() {
    }

    /**
     * @param environment an environment
     * @return the part of it a supervisor reads: what the test JVM gets, and {@code GITHUB_STEP_SUMMARY} for the
     *         reports; what a supervisor in another process is given, so that no secret is written down for it
     */
    public static Map<String, String> forSupervisor(Map<String, String> environment) {
        Map<String, String> kept = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (ALLOWED.contains(name.toUpperCase(Locale.ROOT)) || name.equals(ReportWriter.GITHUB_STEP_SUMMARY)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /**
     * @param supervisor the supervisor's environment
     * @param tmp        the test JVM's own temporary folder
     * @return the test JVM's environment
     */
    static Map<String, String> of(Map<String, String> supervisor, String tmp) {
        Map<String, String> env = new TreeMap<>();
        supervisor.forEach((name, value) -> {
            if (ALLOWED.contains(name.toUpperCase(Locale.ROOT))) {
                env.put(name, value);
            }
        });
        env.put("TMPDIR", tmp);
        env.put("TMP", tmp);
        env.put("TEMP", tmp);
        return env;
    }
}
