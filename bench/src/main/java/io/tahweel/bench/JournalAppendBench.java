package io.tahweel.bench;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@link Journal#append} alone, on one thread: what the journaler stage costs per entry.
 * <p>
 * <b>Measures:</b> the sequence check, the CRC32C frame staged in a reused buffer and the
 * Chronicle Queue document write (into the page cache, through a memory-mapped file, including
 * the page faults of new pages and Chronicle's file growth) of one 231-byte Authorize entry,
 * stamped with the next sequence and a journal time advancing 1 µs per entry. The queue lives
 * in a temp directory deleted afterwards; about 245 bytes of disk per op.
 * <p>
 * <b>Does not measure:</b> fsync or the disk itself (the page cache absorbs the writes; the
 * kernel writes back asynchronously), the ring, the envelope check of the journaler stage,
 * reading the journal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms2g", "-Xmx2g",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public class JournalAppendBench
{
    /**
     * Whether the journal pretoucher runs (off by default, as in a node): {@code -p pretouch=false,true}
     * compares the appender with and without it in one run.
     */
    @Param({"false"})
    public boolean pretouch;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final EntryHeaderEncoder header = new EntryHeaderEncoder();
    private Path directory;
    private Journal journal;
    private int length;
    private long sequence;
    private long timestamp;

    @Setup
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("tahweel-journal-bench-");
        journal = new Journal(new JournalContext().directory(directory).pretouch(pretouch));
        length = new CardTraffic(new BenchSwitch(1)).encodeAuthorize(buffer, CaptureMode.SINGLE_MESSAGE, 1);
        header.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).epoch(1);
        sequence = journal.lastSequence();
        timestamp = BenchSwitch.START_NANOS;
    }

    @Benchmark
    public long append()
    {
        header.sequence(++sequence).timestamp(timestamp += 1_000);
        return journal.append(buffer, 0, length);
    }

    @TearDown
    public void tearDown() throws IOException
    {
        journal.close();
        System.out.printf("%n[JournalAppendBench] appended=%d%n", sequence);
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path ->
            {
                try
                {
                    Files.delete(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
