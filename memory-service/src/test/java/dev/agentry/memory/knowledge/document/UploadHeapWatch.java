package dev.agentry.memory.knowledge.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Samples the live heap while an upload streams into the uploads directory. A sample is a full
 * collection ({@code System.gc()}, synchronous under the tests' serial collector) followed by the
 * heap in use: what is still reachable, garbage excluded, so a body held in memory shows and the
 * short-lived buffers of a streamed one do not. Samples are taken each time the bytes on disk pass
 * another mark (16, 32 and 44 MiB), so a body that does not reach the disk as it arrives leaves no
 * sample at 40 MiB or more, and besides at least every second until {@link #close()} (a body
 * held in memory while it arrives, the text extraction once the whole file is there).
 */
final class UploadHeapWatch implements AutoCloseable {

    static final long MIB = 1024 * 1024;
    private static final long[] MARKS = { 16 * MIB, 32 * MIB, 44 * MIB };

    record Sample(long bytesOnDisk, long liveHeap) {
    }

    private final Path uploads;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;

    private UploadHeapWatch(Path uploads) {
        this.uploads = uploads;
        this.thread = new Thread(this::run, "upload-heap-watch");
        this.thread.setDaemon(true);
    }

    static UploadHeapWatch start(Path uploads) {
        UploadHeapWatch watch = new UploadHeapWatch(uploads);
        watch.thread.start();
        return watch;
    }

    /** The heap still reachable: used heap right after a full collection. */
    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The live heap after the collector has been made to let go of what it lets go of under
     * pressure. Soft references (caches, and in a JVM that ran other Quarkus applications before,
     * theirs) are cleared when free heap runs short, so without this a body held in memory could
     * read as less than its size: other memory would leave as it came. {@code pressure} bytes are
     * held over one full collection first, then released.
     */
    static long settledLiveHeap(long pressure) {
        byte[] held = new byte[(int) pressure];
        System.gc();
        Reference.reachabilityFence(held);
        held = null;
        return liveHeap();
    }

    private void run() {
        try {
            int mark = 0;
            long lastSample = System.nanoTime();
            while (!stopped) {
                long onDisk = bytesOnDisk();
                boolean passedMark = mark < MARKS.length && onDisk >= MARKS[mark];
                boolean due = System.nanoTime() - lastSample > 1_000_000_000L;
                if (passedMark || due) {
                    long heap = liveHeap();
                    samples.add(new Sample(Math.max(onDisk, bytesOnDisk()), heap));
                    lastSample = System.nanoTime();
                    while (mark < MARKS.length && onDisk >= MARKS[mark]) {
                        mark++;
                    }
                } else {
                    Thread.sleep(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Bytes of the files in the uploads directory now (a file may vanish between listing and sizing). */
    private long bytesOnDisk() {
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> files = Files.list(uploads)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    total += Files.size(f);
                } catch (NoSuchFileException gone) {
                    // deleted at the end of its request
                }
            }
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    /** Every sample taken, in order. */
    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(30_000);
        if (failure != null) {
            throw new IllegalStateException("the heap watch failed", failure);
        }
    }
}
