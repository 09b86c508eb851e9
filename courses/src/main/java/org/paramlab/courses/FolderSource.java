package org.paramlab.courses;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A submission that is a folder: its files are listed without following links, and read one at a time,
 * never whole. {@code .git} folders are skipped at any depth; links and special files are listed, never read.
 */
final class FolderSource implements SubmissionSource {

    private final Path root;
    private final List<Path> files = new ArrayList<>();

    FolderSource(Path root) {
        this.root = root;
    }

    @Override
    public List<Item> list() throws IOException, UnreadableSubmission {
        List<Item> items = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (items.size() >= SubmissionReader.MAX_FILES) {
                        throw new TooMany();
                    }
                    String path = TemplateFiles.relative(root, file);
                    String unreadable = attrs.isSymbolicLink() || !attrs.isRegularFile()
                            ? "a symbolic link or special file: never read"
                            : attrs.size() > SubmissionReader.MAX_OTHER_FILE ? SubmissionReader.TOO_LARGE_TO_READ : null;
                    items.add(new Item(files.size(), path, attrs.size(), unreadable));
                    files.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw new Unlisted(TemplateFiles.relative(root, file), e);
                }
            });
        } catch (TooMany e) {
            throw new UnreadableSubmission("too large", description() + " holds more than "
                    + SubmissionReader.MAX_FILES + " files (.git folders not counted): hand in only your repository,"
                    + " without build output or data");
        } catch (Unlisted e) {
            throw new UnreadableSubmission("unreadable", e.path + " in " + description() + " cannot be read ("
                    + SubmissionReader.reason((IOException) e.getCause()) + "): make it readable, or leave it out");
        }
        items.sort(Comparator.comparing(Item::path));
        return items;
    }

    @Override
    public InputStream open(Item item) throws IOException {
        return Files.newInputStream(files.get(item.index()), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String description() {
        return "the folder " + (root.getFileName() == null ? root : root.getFileName());
    }

    @Override
    public void close() {
        // nothing is held open between reads
    }

    /** Stops the walk at the limit on files. */
    private static final class TooMany extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Stops the walk at a file or folder that cannot be listed, keeping its path. */
    private static final class Unlisted extends IOException {
        private static final long serialVersionUID = 1L;
        private final String path;

        Unlisted(String path, IOException cause) {
            super(cause);
            this.path = path;
        }
    }
}
