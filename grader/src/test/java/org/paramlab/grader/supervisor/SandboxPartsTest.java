package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.channel.Frames;

/** The supervisor's smaller parts: the channel's door, the test JVM's environment, the output cap, the budget. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class SandboxPartsTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheRightSecretOpensTheChannel() throws Exception {
        try (SandboxServer server = SandboxServer.open()) {
            Thread intruders = new Thread(() -> {
                try (Socket wrong = new Socket(InetAddress.getLoopbackAddress(), server.port());
                     Socket huge = new Socket(InetAddress.getLoopbackAddress(), server.port());
                     Socket right = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    Frames.write(new DataOutputStream(wrong.getOutputStream()), "guess".getBytes(StandardCharsets.US_ASCII), 5);
                    new DataOutputStream(huge.getOutputStream()).writeInt(Integer.MAX_VALUE);
                    byte[] line = server.secretLine();
                    byte[] secret = java.util.Arrays.copyOf(line, line.length - 1);
                    Frames.write(new DataOutputStream(right.getOutputStream()), secret, secret.length);
                    DataOutputStream out = new DataOutputStream(right.getOutputStream());
                    out.writeInt(Integer.MAX_VALUE);
                    out.flush();
                    Thread.sleep(500);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            intruders.start();
            assertThat(server.accept(Duration.ofSeconds(20), () -> true)).isTrue();
            SandboxServer.Incoming next = server.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(next.closed()).isTrue();
            assertThat(next.problem()).contains("frame of 2147483647 bytes announced");
            intruders.join();
        }
    }

    @Test
    void theTestJvmGetsNoCiVariables() {
        Map<String, String> env = SandboxEnvironment.of(Map.of("PATH", "/bin", "GITHUB_STEP_SUMMARY", "/s",
                "GITHUB_TOKEN", "t", "RUNNER_TEMP", "/r", "AWS_SECRET_ACCESS_KEY", "k", "LANG", "C.UTF-8"), "/tmp/x");
        assertThat(env).containsOnlyKeys("PATH", "LANG", "TMPDIR", "TMP", "TEMP").containsEntry("TMPDIR", "/tmp/x");
    }

    @Test
    void theTestJvmGetsWindowsVariablesWhateverTheCaseOfTheirNames() {
        // as Windows spells them: without Path and SystemRoot a JVM there finds no DLL and opens no socket
        Map<String, String> env = SandboxEnvironment.of(Map.of("Path", "C:\\Windows\\system32", "SystemRoot",
                "C:\\Windows", "windir", "C:\\Windows", "ComSpec", "C:\\Windows\\system32\\cmd.exe",
                "GitHub_Token", "t", "Runner_Temp", "C:\\r", "USERPROFILE", "C:\\Users\\s"), "C:\\t");
        assertThat(env).containsOnlyKeys("Path", "SystemRoot", "windir", "ComSpec", "TMPDIR", "TMP", "TEMP")
                .containsEntry("TEMP", "C:\\t");
    }

    @Test
    void outputIsCappedWithAVisibleMark() throws Exception {
        CappedOutput output = new CappedOutput(dir.resolve("out.txt"), 10);
        output.drain(new ByteArrayInputStream("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), "t").join();
        output.finish();
        assertThat(Files.readString(dir.resolve("out.txt"))).startsWith("0123456789\n[truncated: 6 more bytes");
        assertThat(output.dropped()).isEqualTo(6);
    }

    @Test
    void theBudgetIsAPositiveNumberOfSeconds() {
        assertThat(GradeMain.budget(null)).isEqualTo(GradingRequest.DEFAULT_BUDGET);
        assertThat(GradeMain.budget(" 42 ")).isEqualTo(Duration.ofSeconds(42));
        assertThatThrownBy(() -> GradeMain.budget("0")).hasMessageContaining("-Dparamlab.budget=0 is not a time limit");
        assertThatThrownBy(() -> GradeMain.budget("5m")).hasMessageContaining("positive whole number of seconds");
    }

    @Test
    void theCommandLineNamesWhatIsMissing() {
        assertThatThrownBy(() -> GradeMain.parse(new String[] {"--student", "x"}))
                .hasMessageStartingWith("GradeMain needs --");
        assertThatThrownBy(() -> GradeMain.parse(new String[] {"--evil", "x"}))
                .hasMessageContaining("'--evil' is not one of them");
    }
}
