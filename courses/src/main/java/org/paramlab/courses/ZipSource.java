package org.paramlab.courses;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A submission that is a zip, read with the JDK's {@link ZipFile}: its table of contents is checked against
 * the limits before {@code ZipFile} loads it (it holds the whole table in memory), and every entry's content
 * is checked against its declared checksum and size as it streams (a damaged, encrypted or lying entry fails
 * there). Entries inside a {@code .git} folder are counted, never unpacked.
 */
final class ZipSource implements SubmissionSource {

    /** The largest table of contents (central directory) read: far more than 20,000 entries' names need. */
    static final long MAX_DIRECTORY = 32L * 1024 * 1024;

    private static final int END = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;

    private final Path file;
    private final ZipFile zip;
    private final List<ZipEntry> entries = new ArrayList<>();

    private ZipSource(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /** Checks the zip's table of contents, then opens it. */
    static ZipSource open(Path file) throws IOException, UnreadableSubmission {
        checkDirectory(file, describe(file));
        try {
            return new ZipSource(file, new ZipFile(file.toFile()));
        } catch (ZipException e) {
            if (String.valueOf(e.getMessage()).contains("encrypted")) {
                throw new UnreadableSubmission("unreadable", describe(file) + " holds encrypted entries: make a new zip"
                        + " of your repository, without a password");
            }
            throw new UnreadableSubmission("unreadable", describe(file) + " is not a valid zip file ("
                    + e.getMessage() + "): make a new zip of your repository (GitHub's \"Download ZIP\" or zip -r)");
        }
    }

    /**
     * Reads the zip's end record (and its zip64 form), whose counts {@link ZipFile} trusts when it allocates:
     * a zip that declares more entries than the limit, or a larger table of contents, is refused unopened.
     * A zip without an end record is left to {@code ZipFile} to refuse.
     */
    private static void checkDirectory(Path file, String description) throws IOException, UnreadableSubmission {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_SIZE + 0xFFFF);
            ByteBuffer buffer = read(channel, size - tail, tail);
            int at = tail - END_SIZE;
            while (at >= 0 && buffer.getInt(at) != END) {
                at--;
            }
            if (at < 0) {
                return;
            }
            long count = buffer.getShort(at + 10) & 0xFFFF;
            long directory = buffer.getInt(at + 12) & 0xFFFFFFFFL;
            if (at >= 20 && buffer.getInt(at - 20) == ZIP64_LOCATOR) {
                long where = buffer.getLong(at - 20 + 8);
                if (where < 0 || where > size - 56) {
                    throw new UnreadableSubmission("unreadable", description + " is not a valid zip file (its zip64"
                            + " end record points outside the file): make a new zip of your repository");
                }
                ByteBuffer zip64 = read(channel, where, 56);
                if (zip64.getInt(0) == ZIP64_END) {
                    count = Math.max(count, zip64.getLong(32));
                    directory = Math.max(directory, zip64.getLong(40));
                }
            }
            if (count > SubmissionReader.MAX_FILES || count < 0) {
                throw new UnreadableSubmission("too large", description + " holds " + Long.toUnsignedString(count)
                        + " entries, more than " + SubmissionReader.MAX_FILES + ": hand in only your repository,"
                        + " without build output or data");
            }
            if (directory > MAX_DIRECTORY || directory < 0) {
                throw new UnreadableSubmission("too large", description + "'s table of contents is "
                        + Long.toUnsignedString(directory) + " bytes, more than " + MAX_DIRECTORY / 1024 / 1024
                        + " MB: it is damaged or crafted; make a new zip of your repository");
            }
        }
    }

    private static ByteBuffer read(SeekableByteChannel channel, long from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(from);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // a file channel reads until the end of the file
        }
        buffer.clear();
        return buffer;
    }

    @Override
    public List<Item> list() throws UnreadableSubmission {
        List<Item> items = new ArrayList<>();
        int count = 0;
        var all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (++count > SubmissionReader.MAX_FILES) {
                throw new UnreadableSubmission("too large", description() + " holds more than "
                        + SubmissionReader.MAX_FILES + " entries: hand in only your repository, without build output");
            }
            String path = entry.getName().replace('\\', '/');
            if (entry.isDirectory() || SubmissionSource.inGitFolder(path)) {
                continue;
            }
            String unreadable = path.startsWith("/") || path.contains("../") || path.equals("..") || path.contains(":")
                    ? "an unsafe name in the zip: never read"
                    : entry.getSize() > SubmissionReader.MAX_OTHER_FILE ? SubmissionReader.TOO_LARGE_TO_READ : null;
            items.add(new Item(entries.size(), path, entry.getSize(), unreadable));
            entries.add(entry);
        }
        items.sort(Comparator.comparing(Item::path));
        return items;
    }

    @Override
    public InputStream open(Item item) throws IOException {
        ZipEntry entry = entries.get(item.index());
        return new Checked(zip.getInputStream(entry), entry);
    }

    @Override
    public String description() {
        return describe(file);
    }

    private static String describe(Path file) {
        return "the zip " + file.getFileName();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** An entry's content that fails at its end unless its checksum and size are the declared ones. */
    private static final class Checked extends FilterInputStream {
        private final ZipEntry entry;
        private final CRC32 crc = new CRC32();
        private long size;

        Checked(InputStream in, ZipEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read < 0) {
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw new ZipException("its checksum does not match");
                }
                if (entry.getSize() != -1 && size != entry.getSize()) {
                    throw new ZipException("it unpacks to " + size + " bytes, not the " + entry.getSize() + " it declares");
                }
                return -1;
            }
            crc.update(buffer, offset, read);
            size += read;
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("entries are read whole, never skipped");
        }
    }
}
