package org.paramlab.courses;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a submission, a student's repository, a zip of one, or a folder (or zip) of just the {@code .java}
 * files of {@code org.paramlab.nn}, and keeps only the graded files ({@link Submission}).
 *
 * <p>The graded files are found, in this order: the {@code .java} files right in
 * {@value #STUDENT_DIR} of the repository (a zip whose entries all start with one folder, as GitHub's
 * do, counts as that folder); else those of a single folder named {@code org/paramlab/nn}; else the
 * {@code .java} files at the submission's top level. Nothing else is graded: a {@code module-info.java},
 * a symbolic link, a file outside those folders. Every other file of the submission that differs from
 * the template is listed as ignored. Nothing of the submission is executed or extracted outside memory:
 * a zip is read entry by entry, within limits, and names with {@code ..} are refused.
 */
public final class SubmissionReader {

    /** The student's folder in a repository. */
    public static final String STUDENT_DIR = "exercises/src/main/java/org/paramlab/nn/";

    /** The largest graded file. */
    static final int MAX_FILE = 1024 * 1024;
    /** The most files a submission may hold. */
    static final int MAX_FILES = 20_000;
    /** The most bytes a zip may unpack to (only graded files are kept; others are hashed, then dropped). */
    static final long MAX_UNPACKED = 512L * 1024 * 1024;
    /** How many ignored files are listed at most. */
    static final int MAX_LISTED = 60;

    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    private final Map<String, String> template;

    /** @param template the template's files and their SHA-256 ({@link TemplateFiles}) */
    public SubmissionReader(Map<String, String> template) {
        this.template = template;
    }

    /** One file of a submission: its path and content, or why it was not read. */
    private record Entry(String path, byte[] content, String unreadable) {
    }

    /**
     * @param submission a folder or a {@code .zip} file
     * @return what it holds, as the grader sees it; problems instead of an exception for a bad submission
     */
    public Submission read(Path submission) {
        List<Entry> entries;
        List<String> problems = new ArrayList<>();
        try {
            if (Files.isDirectory(submission)) {
                entries = folder(submission);
            } else if (Files.isRegularFile(submission) && submission.getFileName().toString().toLowerCase().endsWith(".zip")) {
                entries = zip(submission);
            } else {
                return new Submission("nothing", Map.of(), Map.of(), List.of(), List.of(submission
                        + " is neither a folder nor a .zip file"));
            }
        } catch (TooLarge e) {
            return new Submission("too large", Map.of(), Map.of(), List.of(), List.of(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            return new Submission("unreadable", Map.of(), Map.of(), List.of(), List.of(submission
                    + " cannot be read: " + e.getMessage()));
        }
        entries = withoutCommonFolder(entries);
        Layout layout = layout(entries);
        Map<String, byte[]> graded = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<Submission.Ignored> ignored = new ArrayList<>();
        for (Entry entry : entries) {
            String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
            boolean inStudentDir = layout.dir() != null && entry.path().equals(layout.dir() + name);
            if (inStudentDir && name.equals("module-info.java")) {
                ignored.add(new Submission.Ignored(entry.path(), "a module declaration is not graded"));
            } else if (inStudentDir && entry.unreadable() != null) {
                ignored.add(new Submission.Ignored(entry.path(), entry.unreadable()));
            } else if (inStudentDir && (JAVA_NAME.matcher(name).matches() || name.equals("package-info.java"))) {
                graded.put(name, entry.content());
                origins.put(name, entry.path());
                utf8Problem(name, entry.content()).ifPresent(problems::add);
                if (entry.content().length > MAX_FILE) {
                    problems.add(entry.path() + " is larger than " + MAX_FILE / 1024 + " KB");
                }
            } else if (entry.unreadable() != null) {
                ignored.add(new Submission.Ignored(entry.path(), entry.unreadable()));
            } else if (!entry.path().startsWith(".git/") && !TemplateFiles.sha256(entry.content())
                    .equals(template.get(entry.path()))) {
                ignored.add(new Submission.Ignored(entry.path(), template.containsKey(entry.path())
                        ? "changed from the template: not graded" : "not in the template: not graded"));
            }
        }
        if (graded.isEmpty()) {
            problems.add("no .java file of org.paramlab.nn was found in the submission (looked for "
                    + STUDENT_DIR + "*.java, a folder org/paramlab/nn, and .java files at its top); it holds "
                    + (entries.isEmpty() ? "no file at all" : entries.size() + " files, such as "
                    + String.join(", ", entries.stream().limit(5).map(Entry::path).toList())));
        }
        return new Submission(layout.description(), graded, origins, ignored, problems);
    }

    private record Layout(String dir, String description) {
    }

    private static Layout layout(List<Entry> entries) {
        boolean repository = entries.stream().anyMatch(e -> e.path().startsWith(STUDENT_DIR)
                && e.path().endsWith(".java"));
        if (repository) {
            return new Layout(STUDENT_DIR, "a repository");
        }
        Map<String, Integer> packageDirs = new TreeMap<>();
        for (Entry entry : entries) {
            int at = entry.path().lastIndexOf("org/paramlab/nn/");
            if (at >= 0 && entry.path().endsWith(".java") && (at == 0 || entry.path().charAt(at - 1) == '/')) {
                packageDirs.merge(entry.path().substring(0, at + "org/paramlab/nn/".length()), 1, Integer::sum);
            }
        }
        if (packageDirs.size() == 1) {
            String dir = packageDirs.keySet().iterator().next();
            return new Layout(dir, "a folder " + dir);
        }
        if (entries.stream().anyMatch(e -> e.path().indexOf('/') < 0 && e.path().endsWith(".java"))) {
            return new Layout("", "a folder of .java files");
        }
        return new Layout(null, packageDirs.size() > 1 ? "several org/paramlab/nn folders" : "no known layout");
    }

    private static java.util.Optional<String> utf8Problem(String name, byte[] content) {
        ByteBuffer in = ByteBuffer.wrap(content);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(content.length + 1);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (!result.isError()) {
            return java.util.Optional.empty();
        }
        int bad = in.position();
        int line = 1;
        for (int i = 0; i < bad; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return java.util.Optional.of(name + " is not UTF-8 text (line " + line + " has the byte 0x"
                + String.format("%02X", content[bad] & 0xFF) + "): save it as UTF-8");
    }

    /**
     * @return the entries, without a folder that every readable one starts with (GitHub's zips have one);
     *         entries that were not read keep their names, as the report shows them
     */
    private static List<Entry> withoutCommonFolder(List<Entry> entries) {
        List<Entry> readable = entries.stream().filter(e -> e.unreadable() == null).toList();
        if (readable.isEmpty() || readable.stream().anyMatch(e -> e.path().startsWith(STUDENT_DIR))) {
            return entries;
        }
        String first = readable.get(0).path();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return entries;
        }
        String folder = first.substring(0, slash + 1);
        if (!readable.stream().allMatch(e -> e.path().startsWith(folder))) {
            return entries;
        }
        return entries.stream().map(e -> e.unreadable() != null || !e.path().startsWith(folder) ? e
                : new Entry(e.path().substring(folder.length()), e.content(), e.unreadable())).toList();
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private static List<Entry> folder(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (entries.size() >= MAX_FILES) {
                    throw new TooLarge("the submission holds more than " + MAX_FILES + " files");
                }
                String path = TemplateFiles.relative(root, file);
                if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                    entries.add(new Entry(path, null, "a symbolic link or special file: never read"));
                } else if (attrs.size() > 16L * MAX_FILE) {
                    entries.add(new Entry(path, null, "larger than " + 16 * MAX_FILE / 1024 / 1024 + " MB: not read"));
                } else {
                    entries.add(new Entry(path, Files.readAllBytes(file), null));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(java.util.Comparator.comparing(Entry::path));
        return entries;
    }

    private static List<Entry> zip(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long unpacked = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                if (entries.size() >= MAX_FILES) {
                    throw new TooLarge("the zip holds more than " + MAX_FILES + " files");
                }
                String path = entry.getName().replace('\\', '/');
                if (path.startsWith("/") || path.contains("../") || path.equals("..") || path.contains(":")) {
                    entries.add(new Entry(path, null, "an unsafe name in the zip: never read"));
                    continue;
                }
                if (entry.getSize() > 16L * MAX_FILE) {
                    entries.add(new Entry(path, null, "larger than " + 16 * MAX_FILE / 1024 / 1024 + " MB: not read"));
                    continue;
                }
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readNBytes(16 * MAX_FILE + 1);
                }
                unpacked += content.length;
                if (content.length > 16 * MAX_FILE || unpacked > MAX_UNPACKED) {
                    throw new TooLarge("the zip unpacks to more than its limit (" + MAX_UNPACKED / 1024 / 1024
                            + " MB in all, 16 MB a file)");
                }
                entries.add(new Entry(path, content, null));
            }
        } catch (ZipException e) {
            throw new IOException("it is not a valid zip file (" + e.getMessage() + ")", e);
        }
        entries.sort(java.util.Comparator.comparing(Entry::path));
        return entries;
    }

    /**
     * @param ignored the ignored files
     * @return them as the reports list them: at most {@value #MAX_LISTED} lines and how many more
     */
    public static String describe(List<Submission.Ignored> ignored) {
        StringBuilder text = new StringBuilder(ignored.size() + (ignored.size() == 1 ? " file of the submission differs"
                : " files of the submission differ") + " from the template and "
                + (ignored.size() == 1 ? "was" : "were") + " ignored: not graded (only "
                + STUDENT_DIR + "*.java is graded; everything else comes from the instructor's pristine copy)");
        ignored.stream().limit(MAX_LISTED).forEach(i -> text.append("\n- ").append(i.path()).append(": ")
                .append(i.why()));
        if (ignored.size() > MAX_LISTED) {
            text.append("\n- ... and ").append(ignored.size() - MAX_LISTED).append(" more");
        }
        return text.toString();
    }
}
