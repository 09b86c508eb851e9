package org.paramlab.courses;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a submission, a student's repository, a zip of one, or a folder (or zip) of just the {@code .java}
 * files of {@code org.paramlab.nn}, and keeps only the graded files ({@link Submission}).
 *
 * <p>The graded files are found, in this order: the {@code .java} files right in
 * {@value #STUDENT_DIR} of the repository (a zip whose entries all start with one folder, as GitHub's
 * do, counts as that folder); else those of a single folder named {@code org/paramlab/nn}; else the
 * {@code .java} files at the submission's top level. A folder that holds nothing but one {@code .zip} file
 * (a repository's zip uploaded to Gradescope, left unextracted) is read as that zip. Nothing else is graded: a {@code module-info.java},
 * a symbolic link, a file outside those folders. Every other file of the submission that differs from
 * the template is listed as ignored. Nothing of the submission is executed or extracted outside memory.
 *
 * <p>Memory is bounded whatever the input: the names are listed first ({@link SubmissionSource}), then
 * each file is streamed once; only the graded files (at most {@value #MAX_FILE} bytes each) are kept, every
 * other file is hashed as it streams and dropped. Zips and folders have the same limits: at most
 * {@value #MAX_FILES} files, files over {@value #MAX_OTHER_FILE} bytes are listed and never read, and at most
 * {@value #MAX_UNPACKED} bytes are read in all. A {@code .git} folder is never read (in a zip its entries
 * count towards the number of files). Names with {@code ..}, a leading {@code /} or a {@code :} are listed
 * and never read. Anything that keeps the submission from being read (a damaged or encrypted zip, a file
 * that cannot be read, a name with a control character, two names that differ only in case, a limit) is a
 * problem of the returned submission, never an exception.
 */
public final class SubmissionReader {

    /** The student's folder in a repository. */
    public static final String STUDENT_DIR = "exercises/src/main/java/org/paramlab/nn/";

    /** The largest graded file. */
    static final int MAX_FILE = 1024 * 1024;
    /** The largest other file that is read (hashed); a larger one is listed as ignored, never read. */
    static final long MAX_OTHER_FILE = 16L * MAX_FILE;
    /** The most files a submission may hold (in a zip: entries, folders and {@code .git}'s included). */
    static final int MAX_FILES = 20_000;
    /** The most bytes read from a submission in all (only graded files are kept; others are hashed, then dropped). */
    static final long MAX_UNPACKED = 512L * 1024 * 1024;
    /** How many ignored files are listed at most. */
    static final int MAX_LISTED = 60;
    /** Why a file over {@link #MAX_OTHER_FILE} is ignored. */
    static final String TOO_LARGE_TO_READ = "larger than " + MAX_OTHER_FILE / 1024 / 1024 + " MB: not read";

    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    private final Map<String, String> template;

    /** @param template the template's files and their SHA-256 ({@link TemplateFiles}) */
    public SubmissionReader(Map<String, String> template) {
        this.template = template;
    }

    /**
     * @param submission a folder or a {@code .zip} file
     * @return what it holds, as the grader sees it; problems instead of an exception for a bad submission
     */
    public Submission read(Path submission) {
        try (SubmissionSource source = SubmissionSource.of(submission)) {
            return read(source);
        } catch (UnreadableSubmission e) {
            return refused(e.layout(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            String name = submission.getFileName() == null ? "" : " " + submission.getFileName();
            return refused("unreadable", "the submission" + name + " cannot be read (" + reason(e)
                    + "): hand in your repository again, or a new zip of it");
        }
    }

    private static Submission refused(String layout, String problem) {
        return new Submission(layout, Map.of(), Map.of(), List.of(), List.of(problem));
    }

    private Submission read(SubmissionSource source) throws IOException, UnreadableSubmission {
        List<SubmissionSource.Item> items = source.list();
        List<String> refusedNames = SubmissionNames.problems(items.stream().map(SubmissionSource.Item::path).toList());
        items = withoutCommonFolder(items);
        Layout layout = layout(items);
        if (!refusedNames.isEmpty()) {
            return new Submission(layout.description(), Map.of(), Map.of(), List.of(), refusedNames);
        }
        Map<String, byte[]> graded = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<Submission.Ignored> ignored = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Streamer streamer = new Streamer(source);
        for (SubmissionSource.Item item : items) {
            String path = item.path();
            String name = path.substring(path.lastIndexOf('/') + 1);
            boolean inStudentDir = layout.dir() != null && path.equals(layout.dir() + name);
            if (inStudentDir && name.equals("module-info.java")) {
                ignored.add(new Submission.Ignored(path, "a module declaration is not graded"));
            } else if (item.unreadable() != null) {
                ignored.add(new Submission.Ignored(path, item.unreadable()));
            } else if (inStudentDir && (JAVA_NAME.matcher(name).matches() || name.equals("package-info.java"))) {
                byte[] content = streamer.content(item, MAX_FILE);
                if (content == null) {
                    problems.add(path + " is larger than " + MAX_FILE / 1024 + " KB: a graded file must be smaller");
                } else {
                    graded.put(name, content);
                    origins.put(name, path);
                    utf8Problem(name, content).ifPresent(problems::add);
                }
            } else {
                String sha = streamer.sha256(item);
                if (!sha.equals(template.get(path))) {
                    ignored.add(new Submission.Ignored(path, template.containsKey(path)
                            ? "changed from the template: not graded" : "not in the template: not graded"));
                }
            }
        }
        if (graded.isEmpty() && problems.isEmpty()) {
            problems.add("no .java file of org.paramlab.nn was found in the submission (looked for "
                    + STUDENT_DIR + "*.java, a folder org/paramlab/nn, and .java files at its top); it holds "
                    + (items.isEmpty() ? "no file at all" : items.size() + " files, such as "
                    + String.join(", ", items.stream().limit(5).map(SubmissionSource.Item::path).toList())));
        }
        return new Submission(layout.description(), graded, origins, ignored, problems);
    }

    /** Why an I/O failure happened, without the grader's own paths. */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it vanished, or is a link to nothing";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private record Layout(String dir, String description) {
    }

    private static Layout layout(List<SubmissionSource.Item> items) {
        List<String> paths = items.stream().filter(i -> i.unreadable() == null).map(SubmissionSource.Item::path).toList();
        if (paths.stream().anyMatch(p -> p.startsWith(STUDENT_DIR) && p.endsWith(".java"))) {
            return new Layout(STUDENT_DIR, "a repository");
        }
        Map<String, Integer> packageDirs = new TreeMap<>();
        for (String path : paths) {
            int at = path.lastIndexOf("org/paramlab/nn/");
            if (at >= 0 && path.endsWith(".java") && (at == 0 || path.charAt(at - 1) == '/')) {
                packageDirs.merge(path.substring(0, at + "org/paramlab/nn/".length()), 1, Integer::sum);
            }
        }
        if (packageDirs.size() == 1) {
            String dir = packageDirs.keySet().iterator().next();
            return new Layout(dir, "a folder " + dir);
        }
        if (paths.stream().anyMatch(p -> p.indexOf('/') < 0 && p.endsWith(".java"))) {
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
     * @return the files, without a folder that every readable one starts with (GitHub's zips have one);
     *         files that are never read keep their names, as the report shows them
     */
    private static List<SubmissionSource.Item> withoutCommonFolder(List<SubmissionSource.Item> items) {
        List<String> readable = items.stream().filter(i -> i.unreadable() == null).map(SubmissionSource.Item::path)
                .toList();
        if (readable.isEmpty() || readable.stream().anyMatch(p -> p.startsWith(STUDENT_DIR))) {
            return items;
        }
        int slash = readable.get(0).indexOf('/');
        if (slash < 0) {
            return items;
        }
        String folder = readable.get(0).substring(0, slash + 1);
        if (!readable.stream().allMatch(p -> p.startsWith(folder))) {
            return items;
        }
        return items.stream().map(i -> i.unreadable() != null || !i.path().startsWith(folder) ? i
                : i.at(i.path().substring(folder.length()))).toList();
    }

    /**
     * Streams the files of one submission, counting every byte against {@link #MAX_UNPACKED}; a file that
     * fails to read, or holds more than it declared, stops the reading with a problem naming it.
     */
    private static final class Streamer {
        private final SubmissionSource source;
        private final byte[] buffer = new byte[64 * 1024];
        private long total;

        Streamer(SubmissionSource source) {
            this.source = source;
        }

        /** @return the file's content, or null when it is larger than {@code limit} */
        byte[] content(SubmissionSource.Item item, int limit) throws UnreadableSubmission {
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            boolean whole = stream(item, limit, (bytes, length) -> content.write(bytes, 0, length));
            return whole ? content.toByteArray() : null;
        }

        /** @return the file's SHA-256, in hex */
        String sha256(SubmissionSource.Item item) throws UnreadableSubmission {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            if (!stream(item, MAX_OTHER_FILE, (bytes, length) -> digest.update(bytes, 0, length))) {
                throw new UnreadableSubmission("unreadable", item.path() + " in " + source.description()
                        + " holds more than the " + item.size() + " bytes it declared: the submission is damaged"
                        + " or crafted; hand in your repository again, or a new zip of it");
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private interface Sink {
            void take(byte[] bytes, int length);
        }

        /** @return whether the whole file was streamed within {@code limit} bytes */
        private boolean stream(SubmissionSource.Item item, long limit, Sink sink) throws UnreadableSubmission {
            long size = 0;
            try (InputStream in = source.open(item)) {
                int read;
                while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - size))) > 0) {
                    size += read;
                    total += read;
                    if (total > MAX_UNPACKED) {
                        throw new UnreadableSubmission("too large", source.description() + " unpacks to more than "
                                + MAX_UNPACKED / 1024 / 1024 + " MB: hand in only your repository, without build"
                                + " output or data");
                    }
                    if (size > limit) {
                        return false;
                    }
                    sink.take(buffer, read);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                throw new UnreadableSubmission("unreadable", item.path() + " in " + source.description()
                        + " cannot be read (" + reason(e) + "): " + (source instanceof ZipSource
                        ? "the zip is damaged or encrypted; make a new zip of your repository, without a password"
                        : "make it readable, or leave it out"));
            }
        }
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
