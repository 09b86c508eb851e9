package org.paramlab.courses;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.paramlab.grader.protocol.ReportFiles;

/** Submissions for the course tools' tests, made from this repository. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return the repository root: the course tools' tests run in {@code courses/} */
    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("courses")) && Files.isDirectory(dir.resolve("grader"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a ParamLab repository");
    }

    /** @return the pristine grader: this repository, built */
    static GraderHome home() {
        return GraderHome.fromRepository(repository());
    }

    static Path solutions() {
        return repository().resolve("solutions/src/main/java/org/paramlab/nn");
    }

    static Path stubs() {
        return repository().resolve("exercises/src/main/java/org/paramlab/nn");
    }

    /** Copies a folder's files (not sub-folders' build output) into {@code to}. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a student's repository: the template (this repository's files as the template has them), with the stubs */
    static Path studentRepository(Path to) {
        Path root = repository();
        for (String path : TemplateFiles.of(root).keySet()) {
            Path from = path.equals("README.md") && Files.exists(root.resolve(TemplateFiles.STUDENT_README))
                    ? root.resolve(TemplateFiles.STUDENT_README)
                    : path.equals(TemplateFiles.WORKFLOW_IN_TEMPLATE) ? root.resolve(TemplateFiles.WORKFLOW)
                    : root.resolve(path);
            try {
                Files.createDirectories(to.resolve(path).getParent());
                Files.copy(from, to.resolve(path), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return to;
    }

    /** Writes a file, creating its folder. */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zips a folder's files, each under {@code prefix}. */
    static Path zip(Path folder, String prefix, Path zip) {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zipped.putNextEntry(new ZipEntry(prefix + folder.relativize(file).toString().replace('\\', '/')));
                zipped.write(Files.readAllBytes(file));
                zipped.closeEntry();
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return ReportFiles.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
