package org.paramlab.grader.sandbox;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.paramlab.grader.ExerciseFilter;
import org.paramlab.grader.GradedTests;
import org.paramlab.grader.GradingListener;
import org.paramlab.grader.OutcomeClassifier;
import org.paramlab.grader.Rerun;
import org.paramlab.grader.channel.ChannelMessage;
import org.paramlab.grader.channel.RunSpec;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ProviderRequest;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.reference.References;

/**
 * The test JVM's entry point: runs the graded tests for the supervisor
 * ({@code org.paramlab.grader.supervisor}), which started this JVM.
 *
 * <p>Before any student class loads it reads the run's secret from standard input (then replaces
 * {@code System.in} by an empty stream), connects to the supervisor's loopback port (the only
 * argument), receives the run's settings and the reference files, and fixes both for the JVM's life.
 * It then discovers the graded tests (only in the graded tests' classes, with no plug-in found on the
 * classpath: engines, listeners, filters and extensions are the grader's own), sends the plan, and runs
 * the tests if the supervisor says go. Every test's progress goes to the supervisor as it happens;
 * JUnit's own XML report goes to the folder the supervisor chose. This JVM writes no report: the
 * supervisor scores the run.
 */
public final class SandboxMain {

    /** The graded test classes: {@code org/paramlab/grading/**}{@code /*Test.java}. */
    static final String TEST_CLASSES = GradedTests.GRADING_PACKAGE.replace(".", "\\.") + "\\..*Test";

    /** The instructor-only checks, run only when the spec says so. */
    static final String INSTRUCTOR_CLASSES = org.paramlab.grader.InstructorCheck.PACKAGE.replace(".", "\\.") + "\\..*";

    private static final int MAX_SECRET = 256;

    private SandboxMain() {
    }

    /**
     * @param args the supervisor's loopback port
     */
    public static void main(String[] args) {
        Thread warmUp = new Thread(SandboxMain::warmUp, "paramlab-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        int status = 0;
        try {
            byte[] secret = readSecret(System.in);
            System.setIn(InputStream.nullInputStream());
            try (SupervisorLink link = SupervisorLink.connect(Integer.parseInt(args[0]), secret)) {
                run(link);
            }
        } catch (Throwable e) {
            System.err.println("[paramlab] the test JVM failed: " + e);
            status = 2;
        }
        System.out.flush();
        System.err.flush();
        // halt: threads a student's code left running must not keep this JVM alive.
        Runtime.getRuntime().halt(status);
    }

    private static void run(SupervisorLink link) throws IOException {
        RunSpec spec = link.receiveSpec();
        Map<String, byte[]> references = link.receiveFiles(spec.references());
        ExerciseSelection selection = ExerciseSelection.parse(spec.selection());
        Provider provider = Provider.parse(spec.provider());
        RunSettings.freeze(new RunSettings(spec.seed(), provider, selection, List.of(),
                provider == null ? null : ProviderRequest.of(provider), spec.tree()));
        References.install(references);
        OutcomeClassifier.markUnreadable(spec.unreadable());

        Launcher launcher = launcher(spec, selection);
        TestPlan plan = launcher.discover(request(spec));
        GradingListener.Settings settings = GradingListener.Settings.of(spec.student());
        GradingPlan gradingPlan = GradingListener.plan(plan, settings);
        link.send(ChannelMessage.plan(gradingPlan));
        if (link.receiveGo()) {
            LegacyXmlReportGeneratingListener xml = new LegacyXmlReportGeneratingListener(
                    Path.of(spec.junitReports()), new PrintWriter(System.err, true));
            GradingListener grading = new GradingListener(settings, new ChannelRecorder(link),
                    spec.figuresLeft(), spec.heatmapsLeft());
            launcher.execute(plan, new OutputMarkers(), new SanitizingListener(grading, xml), new Rerun.Watch());
        }
        link.send(ChannelMessage.end(Rerun.pending(), List.copyOf(OutcomeClassifier.unreadableTypes())));
    }

    /**
     * Loads, on the second core, what the run needs next while this thread waits for the supervisor: the
     * channel's JSON (de)serializers, JUnit's launcher and ONNX Runtime's native library. Only the grader's
     * own classes and libraries: nothing of the student's, nothing that reads the run's settings.
     */
    private static void warmUp() {
        ChannelMessage.warmUpJson();
        try {
            LauncherFactory.create(closedConfig().build());
            References.warmUp();
        } catch (RuntimeException | LinkageError e) {
            // only a warm-up: the run itself reports any problem
        }
    }

    /** @return a launcher with the grader's engine and filter only: nothing is looked up on the classpath */
    private static Launcher launcher(RunSpec spec, ExerciseSelection selection) {
        LauncherConfig.Builder config = closedConfig();
        if (spec.uniqueIds() == null) {
            config.addPostDiscoveryFilters(new ExerciseFilter(selection));
        }
        return LauncherFactory.create(config.build());
    }

    /** JUnit with the Jupiter engine alone: no engine, listener or filter looked up on the classpath. */
    private static LauncherConfig.Builder closedConfig() {
        return LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine());
    }

    private static LauncherDiscoveryRequest request(RunSpec spec) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(junitSettings(spec.testTimeoutSeconds()))
                .filters(ClassNameFilter.includeClassNamePatterns(TEST_CLASSES));
        if (!spec.instructorChecks()) {
            request.filters(ClassNameFilter.excludeClassNamePatterns(INSTRUCTOR_CLASSES));
        }
        if (spec.uniqueIds() == null) {
            request.selectors(selectClasspathRoots(Set.of(Path.of(spec.testClasses()))));
        } else {
            request.selectors(spec.uniqueIds().stream().map(id -> selectUniqueId(id)).toList());
        }
        return request.build();
    }

    /**
     * @param timeoutSeconds the limit of each test and lifecycle method
     * @return JUnit's settings for a graded run; nothing is read from system properties or
     *         {@code junit-platform.properties}, so neither can change them
     */
    static Map<String, String> junitSettings(int timeoutSeconds) {
        return Map.of(
                "junit.jupiter.execution.timeout.default", timeoutSeconds + " s",
                "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                "junit.jupiter.execution.timeout.mode", "enabled",
                "junit.jupiter.extensions.autodetection.enabled", "false",
                "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation",
                "junit.jupiter.execution.parallel.enabled", "false");
    }

    /** @return the first line of standard input: the secret the supervisor wrote there */
    static byte[] readSecret(InputStream in) throws IOException {
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || secret.size() >= MAX_SECRET) {
                throw new IOException("no secret on standard input: this JVM is started by the grader's supervisor");
            }
            secret.write(b);
        }
        return secret.toString(StandardCharsets.US_ASCII).strip().getBytes(StandardCharsets.US_ASCII);
    }
}
