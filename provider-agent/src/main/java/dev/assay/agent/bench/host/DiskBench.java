package dev.assay.agent.bench.host;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sequential disk throughput on one temporary file in the chosen directory.
 *
 * <p>A write sample truncates the file, writes {@code mib} MiB in 1 MiB chunks through a {@link FileChannel} and
 * calls {@code force(true)} (fsync): the time runs from opening to the end of the fsync, so the data has reached
 * the device (or its volatile write cache, which the drive reports as written). The bytes come from a fixed-seed
 * generator and every 4 KiB block is stamped with its position, so a compressing or deduplicating filesystem
 * cannot shrink the work.
 *
 * <p>A read sample reads the whole file back in 1 MiB chunks. It opens the file with {@code O_DIRECT}
 * ({@link ExtendedOpenOption#DIRECT}) where the filesystem supports it, which bypasses the page cache. Where it
 * does not (tmpfs, some network and overlay filesystems), the read goes through the page cache, and since the
 * file was just written it is very likely served from RAM unless it is larger than RAM: {@link #directRead()}
 * says which, and the suite's notes repeat it. MB = 10⁶ bytes.
 *
 * <p>{@link #close()} deletes the file; the suite always closes, also when a sample fails.
 */
final class DiskBench implements AutoCloseable {

    static final int CHUNK = 1 << 20;
    private static final int STAMP_EVERY = 4096;

    private final Path file;
    private final int mib;
    private final ByteBuffer pattern;
    private final int alignment;
    private final String filesystemType;
    private Boolean directRead; // found out at the first read
    private int writes;

    /** Creates the (empty) temporary file in {@code directory}. */
    DiskBench(Path directory, int mib) throws IOException {
        this.mib = mib;
        this.file = Files.createTempFile(directory, "assay-hostbench-", ".tmp");
        try {
            FileStore store = Files.getFileStore(file);
            this.alignment = (int) Math.max(STAMP_EVERY, store.getBlockSize());
            this.filesystemType = store.type();
            this.pattern = aligned(CHUNK);
            long x = 0x2545F4914F6CDD1DL;
            while (pattern.remaining() >= Long.BYTES) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                pattern.putLong(x);
            }
            pattern.clear();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** The filesystem's type as the OS names it ("ext4", "xfs", "tmpfs"...). */
    String filesystemType() {
        return filesystemType;
    }

    /** True when the "disk" is memory: tmpfs and ramfs keep files in RAM (tmpfs even accepts O_DIRECT). */
    boolean inMemory() {
        return filesystemType.equals("tmpfs") || filesystemType.equals("ramfs");
    }

    /** True when reads bypass the page cache (O_DIRECT); false when they may be served from RAM. */
    boolean directRead() {
        if (directRead == null) {
            throw new IllegalStateException("known after the first read sample");
        }
        return directRead;
    }

    /** One write sample, MB/s. */
    double writeMegabytesPerSecond() {
        long start = System.nanoTime();
        try {
            writeFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return megabytesPerSecond((long) mib * CHUNK, System.nanoTime() - start);
    }

    /** One read sample, MB/s, of the file the last write sample wrote. */
    double readMegabytesPerSecond() {
        if (writes == 0) {
            throw new IllegalStateException("nothing written yet");
        }
        if (directRead == null) {
            directRead = probeDirectRead();
        }
        long start = System.nanoTime();
        long read;
        try {
            read = readFile(directRead);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long nanos = System.nanoTime() - start;
        if (read != (long) mib * CHUNK) {
            throw new IllegalStateException("read " + read + " bytes of " + file + ", expected " + (long) mib * CHUNK);
        }
        return megabytesPerSecond(read, nanos);
    }

    private void writeFile() throws IOException {
        int sample = writes++;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int chunk = 0; chunk < mib; chunk++) {
                for (int at = 0; at < CHUNK; at += STAMP_EVERY) {
                    pattern.putLong(at, ((long) sample << 40) ^ ((long) chunk * CHUNK + at));
                }
                pattern.clear();
                while (pattern.hasRemaining()) {
                    channel.write(pattern);
                }
            }
            channel.force(true);
        }
    }

    private long readFile(boolean direct) throws IOException {
        return readFile(direct, Long.MAX_VALUE);
    }

    private long readFile(boolean direct, long upTo) throws IOException {
        ByteBuffer buffer = aligned(CHUNK);
        try (FileChannel channel = direct
                ? FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            long total = 0;
            int n;
            while (total < upTo && (n = channel.read(buffer.clear())) > 0) {
                total += n;
            }
            return total;
        }
    }

    /** O_DIRECT is refused at open (EINVAL) or at the first read by filesystems that cannot do it. */
    private boolean probeDirectRead() {
        try {
            return readFile(true, 1) > 0; // one chunk tells
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Direct I/O needs buffers aligned to the filesystem's block size. */
    private ByteBuffer aligned(int bytes) {
        return ByteBuffer.allocateDirect(bytes + alignment).alignedSlice(alignment).limit(bytes).slice();
    }

    private static double megabytesPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    /** Deletes the temporary file. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
