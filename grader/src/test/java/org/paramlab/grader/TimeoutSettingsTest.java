package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.fixtures.LifecycleTimeoutFixture;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.TestStatus;

class TimeoutSettingsTest {

    /** The default limit of this test, as the JUnit running the grader's own tests was configured. */
    private String ownDefault;

    @RegisterExtension
    final BeforeEachCallback readOwnDefault = context -> ownDefault =
            context.getConfigurationParameter("junit.jupiter.execution.timeout.default").orElse(null);

    @Test
    void theGradersOwnTestsHaveTheirOwnLimitNotTheGradedTests10Seconds() {
        // grader/pom.xml (surefire's configurationParameters) overrides junit-platform.properties for them
        assertThat(ownDefault).isEqualTo("5 m");
    }

    @TempDir
    Path dir;

    @Test
    void everyTestAndLifecycleMethodIsStoppedInItsOwnThread() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("junit-platform.properties")) {
            assertThat(in).isNotNull();
            properties.load(in);
        }
        assertThat(properties.getProperty("junit.jupiter.execution.timeout.default")).isEqualTo("10 s");
        assertThat(properties.getProperty("junit.jupiter.execution.timeout.beforeall.method.default")).isEqualTo("30 s");
        assertThat(properties.getProperty("junit.jupiter.execution.timeout.thread.mode.default"))
                .isEqualTo("SEPARATE_THREAD");
    }

    @Test
    void theDefaultTimeoutAlsoStopsALifecycleMethod() {
        // the same settings as junit-platform.properties, with a shorter default so the test is quick
        ProgressEvent event = FixtureRunner.run(dir, ExerciseSelection.all(), () -> 1L,
                Map.of("junit.jupiter.execution.timeout.default", "300 ms"), LifecycleTimeoutFixture.class)
                .finishedByMethod().get("neverReached");

        assertThat(event.status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(event.message()).isEqualTo("did not finish within 300 ms: an infinite loop?");
        assertThat(event.durationMs()).isLessThan(10_000L);
    }
}
