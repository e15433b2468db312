package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tests with a real second JVM: the journal must come back with every complete entry,
 * dense and CRC-valid, and accept the next sequence.
 */
class TornTailTest
{
    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void incompleteDocumentLeftByAHaltedWriterIsNeverDelivered() throws Exception
    {
        final Process child = launch("partial", 50);
        assertEquals(List.of("HALTING"), readAll(child));
        assertTrue(child.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        final TestEntries entries = new TestEntries();
        entries.encode(51, TestEntries.DAY1_NANOS + 51, new byte[100]);
        final byte[] firstHalf = new byte[Journal.MIN_ENTRY_LENGTH / 2];
        entries.buffer().getBytes(0, firstHalf);
        assertTrue(RawQueueFiles.contains(dir, firstHalf), "the half-written entry is in the queue file");

        try (Journal reader = new Journal(new JournalContext().directory(dir).readOnly(true));
            JournalTailer tailer = reader.tailer(1))
        {
            assertEquals(50, reader.lastSequence());
            assertEquals(50, tailer.poll(new TestEntries.Collector(), 1000));
            assertEquals(0, tailer.poll(new TestEntries.Collector(), 1000));
        }
        verifyRecovered(50);
    }

    @Test
    void writerKilledWithSigkillMidLoopLosesNothingComplete() throws Exception
    {
        final Process child = launch("loop", 5000);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            assertEquals("READY", out.readLine());
            Thread.sleep(20);
            child.destroyForcibly();
            assertTrue(child.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        final long last;
        try (Journal reader = new Journal(new JournalContext().directory(dir).readOnly(true)))
        {
            last = reader.lastSequence();
        }
        assertTrue(last >= 5000, "last " + last);
        verifyRecovered(last);
    }

    private void verifyRecovered(final long expectedLast)
    {
        try (Journal journal = new Journal(new JournalContext().directory(dir)))
        {
            assertEquals(expectedLast, journal.lastSequence());
            final TestEntries.Collector all = new TestEntries.Collector();
            assertEquals(expectedLast, journal.readRange(1, Long.MAX_VALUE, all));
            for (int i = 0; i < all.sequences.size(); i++)
            {
                assertEquals(i + 1, all.sequences.get(i));
            }
            final TestEntries entries = new TestEntries();
            final long next = expectedLast + 1;
            journal.append(entries.buffer(), 0, entries.encode(next, TestEntries.DAY1_NANOS + next * 1000));
            final TestEntries.Collector one = new TestEntries.Collector();
            assertTrue(journal.read(next, one));
            assertEquals(List.of(next), one.sequences);
            assertFalse(journal.read(next + 1, one));
        }
        try (Journal reopened = new Journal(new JournalContext().directory(dir)))
        {
            assertEquals(expectedLast + 1, reopened.lastSequence());
            assertEquals(expectedLast + 1, reopened.readRange(1, Long.MAX_VALUE, new TestEntries.Collector()));
        }
    }

    private Process launch(final String mode, final long count) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TornTailWriterMain.class.getName());
        command.add(mode);
        command.add(dir.toString());
        command.add(Long.toString(count));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<String> readAll(final Process process) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = out.readLine(); line != null; line = out.readLine())
            {
                lines.add(line);
            }
        }
        return lines;
    }
}
