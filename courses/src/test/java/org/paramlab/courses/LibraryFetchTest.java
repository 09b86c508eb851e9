package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code courses/python/fetch_libraries.py}, which brings a Classroom 50 or Gradescope bundle its libraries at
 * grading time, against a Maven Central and a mirror served here (JDK's HTTP server on 127.0.0.1) that fail
 * as the real ones may: unreachable, erring, hanging, slow, or serving the wrong bytes. Every library must end
 * up in lib/ with its pinned SHA-256, from the next source when one fails, within bounded retries; or the run
 * must fail naming the library and what each source answered.
 */
class LibraryFetchTest {

    /** What a source does with one request: answer it, or not. */
    interface Behaviour {
        void handle(HttpExchange exchange, byte[] file, int request) throws IOException, InterruptedException;
    }

    private static final Behaviour SERVE = (exchange, file, request) -> send(exchange, 200, file);
    private static final Behaviour NOT_FOUND = (exchange, file, request) -> send(exchange, 404, new byte[0]);

    @TempDir
    Path temp;

    private HttpServer server;
    private Path bundle;
    /** The libraries: path in Maven Central, bytes. */
    private final Map<String, byte[]> libraries = new LinkedHashMap<>();
    /** Files that only the mirror (flat) serves, by file name: the slim variants. */
    private final Map<String, byte[]> mirrorOnly = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Behaviour central = SERVE;
    private volatile Behaviour mirror = SERVE;

    @BeforeEach
    void sources() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r);
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/central/", exchange -> answer(exchange, "/central/", central, false));
        server.createContext("/mirror/", exchange -> answer(exchange, "/mirror/", mirror, true));
        server.start();
        Random random = new Random(7);
        for (String path : List.of("org/example/alpha/1.0/alpha-1.0.jar", "org/example/beta/2.1/beta-2.1.jar",
                "com/example/gamma/3/gamma-3.jar")) {
            byte[] bytes = new byte[20_000 + random.nextInt(20_000)];
            random.nextBytes(bytes);
            libraries.put(path, bytes);
        }
        bundle = Files.createDirectories(temp.resolve("bundle"));
        StringBuilder list = new StringBuilder();
        libraries.forEach((path, bytes) -> list.append(path).append(' ').append(sha256(bytes)).append('\n'));
        Files.writeString(bundle.resolve("libraries.txt"), list);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** /central/ serves the Maven layout, /mirror/ a flat folder (a GitHub Release's assets). */
    private void answer(HttpExchange exchange, String prefix, Behaviour behaviour, boolean flat) throws IOException {
        String asked = exchange.getRequestURI().getPath().substring(prefix.length());
        byte[] file = libraries.entrySet().stream()
                .filter(e -> flat ? e.getKey().endsWith("/" + asked) : e.getKey().equals(asked))
                .map(Map.Entry::getValue).findFirst().orElse(flat ? mirrorOnly.get(asked) : null);
        int request = requests.computeIfAbsent(prefix + asked, k -> new AtomicInteger()).incrementAndGet();
        try {
            if (file == null) {
                NOT_FOUND.handle(exchange, null, request);
            } else {
                behaviour.handle(exchange, file, request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up: as it should
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    private int asked(String prefix, String path) {
        AtomicInteger count = requests.get(prefix + path);
        return count == null ? 0 : count.get();
    }

    /** Runs fetch_libraries.py on the bundle with no local Maven repository; returns exit status and output. */
    private Run fetch(Map<String, String> env) throws IOException, InterruptedException {
        Path script = Fixtures.repository().resolve("courses/python/fetch_libraries.py");
        ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), bundle.toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        for (String proxy : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")) {
            environment.remove(proxy);
        }
        environment.put("no_proxy", "*");
        environment.put("HOME", Files.createDirectories(temp.resolve("home")).toString()); // no ~/.m2
        environment.put("PARAMLAB_MAVEN_REPO", Files.createDirectories(temp.resolve("empty-repo")).toString());
        environment.put("PARAMLAB_MAVEN_CENTRAL", url("/central/"));
        environment.put("PARAMLAB_LIBRARY_MIRRORS", url("/mirror/") + "{file}");
        environment.put("PARAMLAB_FETCH_TIMEOUT", "1");
        environment.put("PARAMLAB_FETCH_BACKOFF", "0.2");
        environment.putAll(env);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            assumeTrue(false, "no python3: " + e.getMessage());
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output, (System.nanoTime() - start) / 1e9);
    }

    record Run(int status, String output, double seconds) {
    }

    private void assertEveryLibraryInPlace(Run run) throws IOException {
        assertThat(run.status()).as(run.output()).isZero();
        for (Map.Entry<String, byte[]> library : libraries.entrySet()) {
            Path jar = bundle.resolve("lib").resolve(library.getKey().substring(library.getKey().lastIndexOf('/') + 1));
            assertThat(Files.readAllBytes(jar)).isEqualTo(library.getValue());
        }
        assertNoPartialFile();
    }

    private void assertNoPartialFile() throws IOException {
        try (var files = Files.list(Files.createDirectories(bundle.resolve("lib")))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void fromCentralWhenItAnswers() throws Exception {
        Run run = fetch(Map.of());
        assertEveryLibraryInPlace(run);
        for (String path : libraries.keySet()) {
            assertThat(asked("/central/", path)).isEqualTo(1);
        }
        assertThat(requests.keySet()).noneMatch(key -> key.startsWith("/mirror/"));
        assertThat(run.output()).contains("3 libraries in place");
    }

    @Test
    void aCentralThatErrsIsAskedAgainABoundedNumberOfTimes() throws Exception {
        central = (exchange, file, request) -> send(exchange, request <= 2 ? 503 : 200, request <= 2 ? new byte[0] : file);
        Run run = fetch(Map.of());
        assertEveryLibraryInPlace(run);
        for (String path : libraries.keySet()) {
            assertThat(asked("/central/", path)).isEqualTo(3); // two 503s, then the file
        }
        assertThat(requests.keySet()).noneMatch(key -> key.startsWith("/mirror/"));
        assertThat(run.output()).contains("HTTP 503; trying again");
    }

    @Test
    void anUnreachableCentralGivesWayToTheMirror() throws Exception {
        Run run = fetch(Map.of("PARAMLAB_MAVEN_CENTRAL", "http://127.0.0.1:9/unreachable/"));
        assertEveryLibraryInPlace(run);
        assertThat(run.output()).contains("alpha-1.0.jar from " + url("/mirror/") + "alpha-1.0.jar");
        assertThat(run.seconds()).isLessThan(60);
    }

    @Test
    void aCentralThatHangsTimesOutAndIsNotAskedForTheNextLibraries() throws Exception {
        central = (exchange, file, request) -> Thread.sleep(300_000);
        Run run = fetch(Map.of());
        assertEveryLibraryInPlace(run);
        List<String> paths = List.copyOf(libraries.keySet());
        assertThat(asked("/central/", paths.get(0))).isEqualTo(3); // three requests of a second each
        assertThat(asked("/central/", paths.get(1))).isZero();
        assertThat(asked("/central/", paths.get(2))).isZero();
        assertThat(run.output()).containsPattern("no (answer|byte) in 1 s; trying again")
                .contains("3 attempts failed, trying the next source");
        assertThat(run.seconds()).isLessThan(60);
    }

    @Test
    void aCentralTooSlowGivesWayToTheMirror() throws Exception {
        central = (exchange, file, request) -> {
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < file.length; i += 100) {
                    out.write(file, i, Math.min(100, file.length - i));
                    out.flush();
                    Thread.sleep(500); // 200 B/s: 100 s and more for a whole file
                }
            }
        };
        Run run = fetch(Map.of("PARAMLAB_FETCH_RATE_GRACE", "1", "PARAMLAB_FETCH_MIN_RATE", "50000"));
        assertEveryLibraryInPlace(run);
        assertThat(asked("/central/", libraries.keySet().iterator().next())).isEqualTo(1);
        assertThat(run.output()).contains("too slow", "asking Maven Central no more");
        // given up after about a second, not when the file is complete; the bound is for a busy machine
        assertThat(run.seconds()).isLessThan(60);
    }

    @Test
    void theBundlesMirrorInTheMavenLayout(@TempDir Path repository) throws Exception {
        Files.writeString(bundle.resolve("library-sources.txt"), "# the course's mirror\n" + url("/central/") + "\n");
        Run run = fetch(Map.of("PARAMLAB_MAVEN_CENTRAL", "http://127.0.0.1:9/unreachable/",
                "PARAMLAB_LIBRARY_MIRRORS", ""));
        assertEveryLibraryInPlace(run);
        assertThat(run.output()).contains("from " + url("/central/") + "org/example/alpha/1.0/alpha-1.0.jar");
    }

    @Test
    void theCoursesOwnMirrorIsAskedBeforeCentral() throws Exception {
        Files.writeString(bundle.resolve("library-sources.txt"), url("/mirror/") + "{file}\n");
        Run run = fetch(Map.of("PARAMLAB_LIBRARY_MIRRORS", ""));
        assertEveryLibraryInPlace(run);
        assertThat(requests.keySet()).as("a course with its own mirror never waits for Central")
                .noneMatch(key -> key.startsWith("/central/"));

        requests.clear();
        Files.delete(bundle.resolve("lib/alpha-1.0.jar"));
        mirror = NOT_FOUND;
        assertEveryLibraryInPlace(fetch(Map.of("PARAMLAB_LIBRARY_MIRRORS", "")));
        assertThat(asked("/central/", libraries.keySet().iterator().next())).as("Central, when the mirror fails")
                .isEqualTo(1);
    }

    @Test
    void aFileThatDoesNotMatchIsRefusedAndTheFailureNamesEverySource() throws Exception {
        central = NOT_FOUND;
        mirror = (exchange, file, request) -> {
            byte[] forged = file.clone();
            forged[0] ^= 1;
            send(exchange, 200, forged);
        };
        Run run = fetch(Map.of());
        assertThat(run.status()).isEqualTo(1);
        String first = libraries.keySet().iterator().next();
        assertThat(run.output()).contains("the grader's libraries could not be fetched", first,
                "Maven Central " + url("/central/") + first + ": HTTP 404",
                "mirror " + url("/mirror/") + "alpha-1.0.jar: SHA-256 ", "is not the pinned " + sha256(libraries.get(first)));
        assertThat(bundle.resolve("lib/alpha-1.0.jar")).doesNotExist();
        assertNoPartialFile();
    }

    @Test
    void aLibraryAlreadyInPlaceIsNotFetchedAgain() throws Exception {
        assertEveryLibraryInPlace(fetch(Map.of()));
        requests.clear();
        central = NOT_FOUND;
        mirror = NOT_FOUND;
        assertEveryLibraryInPlace(fetch(Map.of()));
        assertThat(requests).isEmpty();
    }

    // --- a slim variant (ONNX Runtime's linux-x64 jar), served by the course's mirror alone ----------

    private static final String ALPHA = "org/example/alpha/1.0/alpha-1.0.jar";
    private static final String SLIM = "alpha-1.0-linux-x64.jar";

    /** Gives alpha a linux-x64 variant in libraries.txt pinned by {@code pinned}; the mirror serves {@code served}. */
    private byte[] slimVariant(byte[] served, byte[] pinned) throws IOException {
        mirrorOnly.put(SLIM, served);
        StringBuilder list = new StringBuilder();
        libraries.forEach((path, bytes) -> list.append(path).append(' ').append(sha256(bytes))
                .append(path.equals(ALPHA) ? " linux-x64 " + SLIM + " " + sha256(pinned) : "").append('\n'));
        Files.writeString(bundle.resolve("libraries.txt"), list);
        Files.writeString(bundle.resolve("library-sources.txt"), url("/mirror/") + "{file}\n");
        return served;
    }

    private static byte[] slimBytes() {
        byte[] bytes = new byte[5_000];
        new Random(11).nextBytes(bytes);
        return bytes;
    }

    @Test
    void onLinuxX64TheSlimVariantComesFromTheCoursesMirrorUnderTheLibrarysName() throws Exception {
        byte[] slim = slimVariant(slimBytes(), slimBytes());
        Run run = fetch(Map.of("PARAMLAB_FETCH_PLATFORM", "linux-x64", "PARAMLAB_LIBRARY_MIRRORS", ""));
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(Files.readAllBytes(bundle.resolve("lib/alpha-1.0.jar"))).isEqualTo(slim);
        assertThat(bundle.resolve("lib/" + SLIM)).doesNotExist();
        for (String path : libraries.keySet()) {
            if (!path.equals(ALPHA)) {
                assertThat(Files.readAllBytes(bundle.resolve("lib").resolve(path.substring(path.lastIndexOf('/') + 1))))
                        .isEqualTo(libraries.get(path));
            }
        }
        assertNoPartialFile();
        assertThat(asked("/mirror/", SLIM)).isEqualTo(1);
        assertThat(asked("/mirror/", "alpha-1.0.jar")).isZero();
        assertThat(requests.keySet()).as("Central is never asked: the course's mirror had everything")
                .noneMatch(key -> key.startsWith("/central/"));
        assertThat(run.output()).contains(SLIM + " from " + url("/mirror/") + SLIM);

        // the slim jar in place is kept, as the full one would be
        requests.clear();
        mirror = NOT_FOUND;
        central = NOT_FOUND;
        assertThat(fetch(Map.of("PARAMLAB_FETCH_PLATFORM", "linux-x64")).status()).isZero();
        assertThat(requests).isEmpty();
        assertThat(Files.readAllBytes(bundle.resolve("lib/alpha-1.0.jar"))).isEqualTo(slim);
    }

    @Test
    void aSlimVariantWithAnotherHashIsRefusedAndTheFullLibraryComesFromCentral() throws Exception {
        byte[] forged = slimBytes();
        forged[0] ^= 1;
        slimVariant(forged, slimBytes());
        mirror = (exchange, file, request) -> {
            if (exchange.getRequestURI().getPath().endsWith(SLIM)) {
                send(exchange, 200, file);
            } else {
                send(exchange, 404, new byte[0]); // the mirror has the slim file alone
            }
        };
        Run run = fetch(Map.of("PARAMLAB_FETCH_PLATFORM", "linux-x64", "PARAMLAB_LIBRARY_MIRRORS", ""));
        assertEveryLibraryInPlace(run);
        assertThat(asked("/mirror/", SLIM)).isEqualTo(1);
        assertThat(asked("/central/", ALPHA)).isEqualTo(1);
        assertThat(run.output()).contains(url("/mirror/") + SLIM + ": SHA-256 ", "is not the pinned " + sha256(slimBytes()),
                "fetching alpha-1.0.jar itself");
    }

    @Test
    void onAnotherPlatformTheSlimVariantIsNeverAsked() throws Exception {
        slimVariant(slimBytes(), slimBytes());
        Run run = fetch(Map.of("PARAMLAB_FETCH_PLATFORM", "osx-aarch64", "PARAMLAB_LIBRARY_MIRRORS", ""));
        assertEveryLibraryInPlace(run);
        assertThat(asked("/mirror/", SLIM)).isZero();
        assertThat(asked("/mirror/", "alpha-1.0.jar")).isEqualTo(1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
