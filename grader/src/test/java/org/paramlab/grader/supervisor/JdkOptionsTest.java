package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The test JVM's JDK-dependent options, and a JVM started with them on this JDK says no {@code WARNING:}. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class JdkOptionsTest {

    @TempDir
    Path dir;

    private Path jdk(String release) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk" + release.hashCode()));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), release, StandardCharsets.ISO_8859_1);
        return home;
    }

    @Test
    void readsTheFeatureReleaseOfTheLaunchedJdk() throws IOException {
        assertThat(JdkOptions.featureVersion(jdk("IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n")))
                .isEqualTo(OptionalInt.of(17));
        assertThat(JdkOptions.featureVersion(jdk("JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n")))
                .isEqualTo(OptionalInt.of(25));
        assertThat(JdkOptions.featureVersion(jdk("JAVA_VERSION=\"21\"\n"))).isEqualTo(OptionalInt.of(21));
        assertThat(JdkOptions.featureVersion(jdk("JAVA_VERSION=\"1.8.0_402\"\n"))).isEqualTo(OptionalInt.of(8));
        assertThat(JdkOptions.featureVersion(jdk("IMPLEMENTOR=\"x\"\n"))).isEmpty();
        assertThat(JdkOptions.featureVersion(dir.resolve("no-such-jdk"))).isEmpty();
    }

    @Test
    void enablesNativeAccessOnlyWhereTheJdkKnowsTheOption() throws IOException {
        assertThat(JdkOptions.forLauncher(jdk("JAVA_VERSION=\"25.0.3\"\n").resolve("bin/java")))
                .containsExactly("--enable-native-access=ALL-UNNAMED");
        assertThat(JdkOptions.forLauncher(jdk("JAVA_VERSION=\"17.0.15\"\n").resolve("bin/java")))
                .containsExactly("--enable-native-access=ALL-UNNAMED");
        assertThat(JdkOptions.forLauncher(jdk("JAVA_VERSION=\"16.0.2\"\n").resolve("bin/java"))).isEmpty();
        assertThat(JdkOptions.forLauncher(jdk("JAVA_VERSION=\"1.8.0_402\"\n").resolve("bin/java"))).isEmpty();
        assertThat(JdkOptions.forLauncher(dir.resolve("nowhere/bin/java"))).isEmpty();
    }

    @Test
    void thisJdkIsRecognized() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(JdkOptions.featureVersion(java.getParent().getParent()))
                .isEqualTo(OptionalInt.of(Runtime.version().feature()));
        assertThat(JdkOptions.forLauncher(java)).containsExactly(JdkOptions.NATIVE_ACCESS);
    }

    /**
     * On the JDK running this test (17 and 25 in CI): a JVM with these options that loads ONNX Runtime's
     * library and parses an ONNX file with protobuf starts, works, and prints no JVM warning.
     */
    @Test
    void aJvmWithTheseOptionsLoadsOnnxRuntimeAndProtobufWithoutWarnings() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JdkOptions.forLauncher(java));
        // the test classes and the three jars the sandbox's test JVM loads them from (not this fork's whole
        // classpath: with Selenium's OpenTelemetry jars on it, ONNX Runtime's start crashed on Java 17)
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith("test-classes") || e.contains("onnxruntime") || e.contains("tribuo-util-onnx")
                        || e.contains("protobuf-java"))
                .collect(Collectors.joining(File.pathSeparator));
        command.addAll(List.of("-Djava.io.tmpdir=" + dir, "-cp", classpath,
                LoadsNativeAndProtobuf.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s\n%s", command, output).isZero();
        assertThat(output).contains("ok").doesNotContain("WARNING");
    }

    /** The child JVM of the test above. */
    public static final class LoadsNativeAndProtobuf {
        public static void main(String[] args) throws Exception {
            ai.onnxruntime.OrtEnvironment.getEnvironment();
            byte[] model = ai.onnx.proto.OnnxMl.ModelProto.newBuilder().setProducerName("paramlab")
                    .setGraph(ai.onnx.proto.OnnxMl.GraphProto.newBuilder().addInitializer(
                            ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName("w")
                                    .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[16]))))
                    .build().toByteArray();
            String name = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model).getGraph().getInitializer(0).getName();
            System.out.println(name.equals("w") ? "ok" : "wrong");
        }
    }
}
