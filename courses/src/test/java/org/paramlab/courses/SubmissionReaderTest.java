package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on every kind of input: it streams, keeps only the graded files, applies the same limits to
 * folders and zips, refuses names by name, and turns every failure into a problem, never an exception.
 *
 * <p>Long on purpose: a catalogue of the submissions a course receives, honest and hostile (folders, zips, links,
 * names, sizes), one small test each, sharing the helpers that write them.
 */
class SubmissionReaderTest {

    private static final String LINEAR = "package org.paramlab.nn;\n\npublic class Linear { }\n";
    private static final String NN = SubmissionReader.STUDENT_DIR;

    @TempDir
    Path temp;

    private final SubmissionReader reader = new SubmissionReader(Map.of("README.md",
            TemplateFiles.sha256("template\n".getBytes(StandardCharsets.UTF_8))));

    /** Writes a zip of the given names and texts, deflated. */
    private Path zip(String name, Map<String, String> files) throws IOException {
        Path zip = temp.resolve(name);
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zipped.putNextEntry(new ZipEntry(file.getKey()));
                zipped.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zipped.closeEntry();
            }
        }
        return zip;
    }

    /** Writes a zip of {@code count} entries of {@code size} zeros each, beside a graded Linear.java. */
    static Path zerosZip(Path zip, int count, int size) throws IOException {
        byte[] zeros = new byte[1024 * 1024];
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            zipped.setLevel(9);
            zipped.putNextEntry(new ZipEntry("paramlab-main/" + NN + "Linear.java"));
            zipped.write(LINEAR.getBytes(StandardCharsets.UTF_8));
            zipped.closeEntry();
            for (int i = 0; i < count; i++) {
                zipped.putNextEntry(new ZipEntry("paramlab-main/zeros/" + i + ".bin"));
                for (int written = 0; written < size; written += zeros.length) {
                    zipped.write(zeros, 0, Math.min(zeros.length, size - written));
                }
                zipped.closeEntry();
            }
        }
        return zip;
    }

    private static Path sparse(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    @Test
    void aZipOfZerosIsHashedAsItStreamsAndOnlyTheGradedFileIsKept() throws IOException {
        Path zip = zerosZip(temp.resolve("zeros.zip"), 31, 16 * 1024 * 1024);
        assertThat(Files.size(zip)).isLessThan(1024 * 1024);

        Submission read = reader.read(zip);

        assertThat(read.problems()).isEmpty();
        assertThat(read.layout()).isEqualTo("a repository");
        assertThat(read.graded()).containsOnlyKeys("Linear.java");
        assertThat(read.ignored()).hasSize(31).allMatch(i -> i.why().equals("not in the template: not graded"));
    }

    @Test
    void aZipThatUnpacksToMoreThanTheTotalIsRefused() throws IOException {
        Submission read = reader.read(zerosZip(temp.resolve("more.zip"), 33, 16 * 1024 * 1024));
        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly("the zip more.zip unpacks to more than 512 MB: hand in only your"
                + " repository, without build output or data");
    }

    @Test
    void aFolderHasTheSameLimitsAsAZip() throws IOException {
        Path folder = temp.resolve("big");
        Fixtures.write(folder.resolve(NN + "Linear.java"), LINEAR);
        sparse(folder.resolve("data/huge.bin"), SubmissionReader.MAX_OTHER_FILE + 1);
        Submission one = reader.read(folder);
        assertThat(one.problems()).isEmpty();
        assertThat(one.ignored()).containsExactly(new Submission.Ignored("data/huge.bin", "larger than 16 MB: not read"));

        for (int i = 0; i < 33; i++) {
            sparse(folder.resolve("data/" + i + ".bin"), SubmissionReader.MAX_OTHER_FILE);
        }
        Submission all = reader.read(folder);
        assertThat(all.graded()).isEmpty();
        assertThat(all.layout()).isEqualTo("too large");
        assertThat(all.problems()).containsExactly("the folder big unpacks to more than 512 MB: hand in only your"
                + " repository, without build output or data");
    }

    @Test
    void aFolderWithTooManyFilesIsRefusedButItsGitFolderIsNotCounted() throws IOException {
        Path folder = temp.resolve("many");
        Fixtures.write(folder.resolve(NN + "Linear.java"), LINEAR);
        Files.createDirectories(folder.resolve(".git/objects"));
        for (int i = 0; i < SubmissionReader.MAX_FILES; i++) {
            Files.createFile(folder.resolve(".git/objects/" + i));
        }
        assertThat(reader.read(folder).problems()).isEmpty();

        Files.createDirectories(folder.resolve("out"));
        for (int i = 0; i < SubmissionReader.MAX_FILES; i++) {
            Files.createFile(folder.resolve("out/" + i));
        }
        Submission read = reader.read(folder);
        assertThat(read.layout()).isEqualTo("too large");
        assertThat(read.problems()).containsExactly("the folder many holds more than 20000 files (.git folders not"
                + " counted): hand in only your repository, without build output or data");
    }

    @Test
    void aZipWithTooManyEntriesIsRefusedBeforeItIsOpened() throws IOException {
        Path zip = temp.resolve("many.zip");
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i <= SubmissionReader.MAX_FILES; i++) {
                zipped.putNextEntry(new ZipEntry("f/" + i));
                zipped.closeEntry();
            }
        }
        Submission read = reader.read(zip);
        assertThat(read.layout()).isEqualTo("too large");
        assertThat(read.problems()).containsExactly("the zip many.zip holds 20001 entries, more than 20000: hand in"
                + " only your repository, without build output or data");
    }

    @Test
    void aZip64EndRecordThatDeclaresAHugeDirectoryIsRefusedBeforeItIsOpened() throws IOException {
        byte[] plain = Files.readAllBytes(zip("plain.zip", Map.of(NN + "Linear.java", LINEAR)));
        int end = plain.length - 22;
        long directoryAt = ByteBuffer.wrap(plain, end + 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        ByteBuffer bomb = ByteBuffer.allocate(end + 56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        bomb.put(plain, 0, end);
        bomb.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(1L << 40).putLong(1L << 40).putLong(1L << 40).putLong(directoryAt);
        bomb.putInt(0x07064b50).putInt(0).putLong(end).putInt(1);
        bomb.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        Path zip = Files.write(temp.resolve("zip64.zip"), bomb.array());

        Submission read = reader.read(zip);

        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly("the zip zip64.zip holds 1099511627776 entries, more than 20000:"
                + " hand in only your repository, without build output or data");
    }

    @Test
    void aFolderHoldingOnlyAGitHubZipIsReadAsThatZip() throws IOException {
        // Gradescope's /autograder/submission when a student uploads GitHub's "Download ZIP" unextracted
        Path folder = Files.createDirectories(temp.resolve("submission"));
        Path repo = temp.resolve("repo");
        Fixtures.write(repo.resolve(NN + "Linear.java"), LINEAR);
        Fixtures.write(repo.resolve("README.md"), "template\n");
        Fixtures.write(repo.resolve("notes.txt"), "mine\n");
        Fixtures.zip(repo, "paramlab-main/", folder.resolve("paramlab-main.zip"));

        Submission read = reader.read(folder);

        assertThat(read.problems()).isEmpty();
        assertThat(read.layout()).isEqualTo("a repository");
        assertThat(read.graded()).containsOnlyKeys("Linear.java");
        assertThat(new String(read.graded().get("Linear.java"), StandardCharsets.UTF_8)).isEqualTo(LINEAR);
        assertThat(read.ignored()).containsExactly(new Submission.Ignored("notes.txt", "not in the template: not graded"));
    }

    @Test
    void aZipInAFolderHasAZipsLimits() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("submission"));
        zerosZip(folder.resolve("more.zip"), 33, 16 * 1024 * 1024);
        Submission read = reader.read(folder);
        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly("the zip more.zip unpacks to more than 512 MB: hand in only your"
                + " repository, without build output or data");

        Files.delete(folder.resolve("more.zip"));
        Files.write(folder.resolve("corrupt.zip"), "PK\u0003\u0004 this is not a zip".getBytes());
        assertThat(reader.read(folder).problems()).singleElement().asString()
                .startsWith("the zip corrupt.zip is not a valid zip file (");
    }

    @Test
    void aZipBesideOtherFilesOrALinkToAZipIsNotUnpacked() throws IOException {
        Path folder = temp.resolve("both");
        Fixtures.write(folder.resolve("Linear.java"), LINEAR);
        Fixtures.zip(Files.createDirectories(temp.resolve("empty")), "x/", folder.resolve("old.zip"));
        Submission read = reader.read(folder);
        assertThat(read.problems()).isEmpty();
        assertThat(read.layout()).isEqualTo("a folder of .java files");
        assertThat(read.graded()).containsOnlyKeys("Linear.java");

        Path linked = Files.createDirectories(temp.resolve("linked"));
        Path repo = temp.resolve("repo");
        Fixtures.write(repo.resolve(NN + "Linear.java"), LINEAR);
        Path zip = Fixtures.zip(repo, "paramlab-main/", temp.resolve("outside.zip"));
        Files.createSymbolicLink(linked.resolve("submission.zip"), zip);
        assertThat(reader.read(linked).graded()).isEmpty();
    }

    @Test
    void aFileThatIsNotAZipIsToldSo() throws IOException {
        Path zip = Files.write(temp.resolve("corrupt.zip"), "PK\u0003\u0004 this is not a zip".getBytes());
        Submission read = reader.read(zip);
        assertThat(read.layout()).isEqualTo("unreadable");
        assertThat(read.problems()).singleElement().asString().startsWith("the zip corrupt.zip is not a valid zip file (")
                .endsWith("): make a new zip of your repository (GitHub's \"Download ZIP\" or zip -r)");
    }

    @Test
    void anEntryWhoseChecksumDoesNotMatchIsToldByName() throws IOException {
        Path zip = temp.resolve("crc.zip");
        byte[] text = LINEAR.getBytes(StandardCharsets.UTF_8);
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            ZipEntry entry = new ZipEntry(NN + "Linear.java");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(text.length);
            CRC32 crc = new CRC32();
            crc.update(text);
            entry.setCrc(crc.getValue());
            zipped.putNextEntry(entry);
            zipped.write(text);
            zipped.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(zip);
        int at = indexOf(bytes, "public class".getBytes(StandardCharsets.UTF_8));
        bytes[at] = 'P';
        Files.write(zip, bytes);

        Submission read = reader.read(zip);

        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly(NN + "Linear.java in the zip crc.zip cannot be read (its checksum"
                + " does not match): the zip is damaged or encrypted; make a new zip of your repository, without a"
                + " password");
    }

    @Test
    void anEntryThatFailsToInflateIsToldByName() throws IOException {
        Path zip = zip("inflate.zip", Map.of("README.md", "x".repeat(10_000)));
        byte[] bytes = Files.readAllBytes(zip);
        int data = 30 + "README.md".length();
        Arrays.fill(bytes, data, data + 8, (byte) 0xFF);
        Files.write(zip, bytes);

        Submission read = reader.read(zip);

        assertThat(read.layout()).isEqualTo("unreadable");
        assertThat(read.problems()).singleElement().asString().startsWith("README.md in the zip inflate.zip cannot be"
                + " read (").endsWith("the zip is damaged or encrypted; make a new zip of your repository, without a"
                + " password");
    }

    @Test
    void anEncryptedEntryIsToldByName() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zip")), "Info-ZIP's zip writes encrypted zips");
        Path folder = temp.resolve("secret");
        Fixtures.write(folder.resolve("Linear.java"), LINEAR.repeat(20));
        Process zip = new ProcessBuilder("/usr/bin/zip", "-q", "-P", "password", "../secret.zip", "Linear.java")
                .directory(folder.toFile()).inheritIO().start();
        assertThat(zip.waitFor()).isZero();

        Submission read = reader.read(temp.resolve("secret.zip"));

        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly("the zip secret.zip holds encrypted entries: make a new zip of your"
                + " repository, without a password");
    }

    @Test
    void namesThatDifferOnlyInCaseAreRefusedByName() throws IOException {
        Path folder = temp.resolve("case");
        Fixtures.write(folder.resolve("ReLU.java"), "package org.paramlab.nn;\n");
        Fixtures.write(folder.resolve("relu.java"), "package org.paramlab.nn;\n");
        assertThat(reader.read(folder).problems()).containsExactly("ReLU.java and relu.java differ only in case: on"
                + " macOS and Windows one overwrites the other, so the submission would grade differently there;"
                + " keep one of them");

        Path zip = zip("folders.zip", new LinkedHashMap<>(Map.of(NN + "Linear.java", LINEAR,
                "exercises/src/main/java/org/paramlab/NN/ReLU.java", "package org.paramlab.nn;\n")));
        Submission read = reader.read(zip);
        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).singleElement().asString()
                .contains("exercises/src/main/java/org/paramlab/nn", "exercises/src/main/java/org/paramlab/NN",
                        "differ only in case");
    }

    @Test
    void thousandsOfCaseCollisionsAreToldTenAtATime() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            files.put("case" + i + ".txt", "x");
            files.put("CASE" + i + ".txt", "y");
        }
        Submission read = reader.read(zip("collisions.zip", files));
        assertThat(read.problems()).hasSize(SubmissionNames.MAX_TOLD + 1)
                .last().isEqualTo("... and 2990 more names like these");
    }

    @Test
    void namesTooLongOrTooDeepAreRefusedQuickly() throws IOException {
        Path zip = temp.resolve("deep.zip");
        String deep = "d/".repeat(20_000);
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 500; i++) {
                zipped.putNextEntry(new ZipEntry((i % 2 == 0 ? deep : deep.toUpperCase()) + i));
                zipped.closeEntry();
            }
            zipped.putNextEntry(new ZipEntry("A/".repeat(65) + "Linear.java"));
            zipped.closeEntry();
        }
        long start = System.nanoTime();
        Submission read = reader.read(zip);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("a hang guard, not a speed target")
                .isLessThan(java.time.Duration.ofSeconds(30));
        assertThat(read.problems()).hasSize(SubmissionNames.MAX_TOLD + 1).first().isEqualTo("a file name in the"
                + " submission is 141 characters and 65 folders long, more than 1024 and 64: \"" + "A/".repeat(40)
                + "...\"; shorten it");
        assertThat(read.problems())
                .last().isEqualTo("... and 491 more names like these");
    }

    @Test
    void caseCollisionsAreFoundInEveryFolderOfAName() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a/b/c/d/e/f/g/h/x.txt", "x");
        files.put("a/b/c/D/e/f/g/h/y.txt", "y");
        files.put("a/b/c/d/e/f/G/h/z.txt", "z");
        Submission read = reader.read(zip("folders-deep.zip", files));
        assertThat(read.problems()).containsExactly(
                "a/b/c/D and a/b/c/d differ only in case: on macOS and Windows one overwrites the other, so the"
                        + " submission would grade differently there; keep one of them",
                "a/b/c/D/e/f/g and a/b/c/d/e/f/G differ only in case: on macOS and Windows one overwrites the other,"
                        + " so the submission would grade differently there; keep one of them");
    }

    @Test
    void aNameWithAControlCharacterIsRefusedAndShownEscaped() throws IOException {
        Submission read = reader.read(zip("control.zip", Map.of(NN + "Linear.java", LINEAR,
                "notes\n# ParamLab: 100 / 100.md", "x")));
        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly("a file name in the submission holds a control character:"
                + " \"notes\\u000A# ParamLab: 100 / 100.md\"; rename it");
    }

    @Test
    void aGradedFileOverTheLimitIsAProblemAndIsNotKept() throws IOException {
        Path folder = temp.resolve("large");
        Fixtures.write(folder.resolve("Linear.java"), LINEAR + "//" + "x".repeat(SubmissionReader.MAX_FILE));
        Submission read = reader.read(folder);
        assertThat(read.graded()).isEmpty();
        assertThat(read.problems()).containsExactly("Linear.java is larger than 1024 KB: a graded file must be smaller");
    }

    @Test
    void aZipsGitFolderIsNeverReadNorListed() throws IOException {
        Submission read = reader.read(zip("git.zip", Map.of("repo/" + NN + "Linear.java", LINEAR,
                "repo/.git/objects/ab/cdef", "blob", "repo/README.md", "template\n")));
        assertThat(read.problems()).isEmpty();
        assertThat(read.ignored()).isEmpty();
        assertThat(read.origins()).containsEntry("Linear.java", NN + "Linear.java");
    }

    @Test
    void aBrokenLinkAndAFolderNamedZipAreReadAsFolders() throws IOException {
        Path folder = temp.resolve("links.zip");
        Fixtures.write(folder.resolve("Linear.java"), LINEAR);
        Files.createSymbolicLink(folder.resolve("ReLU.java"), temp.resolve("nowhere"));
        Submission read = reader.read(folder);
        assertThat(read.problems()).isEmpty();
        assertThat(read.graded()).containsOnlyKeys("Linear.java");
        assertThat(read.ignored()).containsExactly(new Submission.Ignored("ReLU.java",
                "a symbolic link or special file: never read"));
    }

    @Test
    void anUnreadableFileIsToldByName() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path folder = temp.resolve("locked");
        Fixtures.write(folder.resolve("Linear.java"), LINEAR);
        Files.setPosixFilePermissions(Fixtures.write(folder.resolve("notes.txt"), "x"),
                PosixFilePermissions.fromString("---------"));
        assertThat(reader.read(folder).problems()).containsExactly("notes.txt in the folder locked cannot be read"
                + " (permission denied): make it readable, or leave it out");
    }

    @Test
    void somethingThatIsNeitherAFolderNorAZipIsToldSo() throws IOException {
        Submission read = reader.read(Fixtures.write(temp.resolve("Linear.java"), LINEAR));
        assertThat(read.problems()).containsExactly("the submission Linear.java is neither a folder nor a .zip file:"
                + " hand in your repository, or a zip of it");
        assertThat(reader.read(temp.resolve("missing.zip")).problems()).singleElement().asString()
                .contains("is neither a folder nor a .zip file");
    }

    @Test
    void anUnchangedTemplateFileIsNotListed() throws IOException {
        Submission read = reader.read(zip("same.zip", Map.of(NN + "Linear.java", LINEAR, "README.md", "template\n",
                "extra.txt", "mine")));
        assertThat(read.ignored()).containsExactly(new Submission.Ignored("extra.txt", "not in the template: not graded"));
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
