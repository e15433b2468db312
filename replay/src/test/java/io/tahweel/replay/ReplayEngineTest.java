package io.tahweel.replay;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.replay.fixture.CoreFeed;
import io.tahweel.replay.fixture.TestSwitch;
import io.tahweel.replay.fixture.Traffic;
import io.tahweel.replay.view.ReportFormat;
import io.tahweel.replay.view.SettlementReportWriter;
import io.tahweel.replay.view.ViewBuilder;
import io.tahweel.replay.view.Views;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay from a real journal: same bytes as the views built while the entries were applied; ranges; errors. */
class ReplayEngineTest
{
    private static final long DAY = 86_400_000L;
    private final TestSwitch commands = new TestSwitch();

    @TempDir
    Path dir;

    /** Views fed while the journal is written, in both formats, in view order. */
    private List<StringBuilder> writeJournal(final int messages, final int cutOffPercent)
    {
        final List<StringBuilder> outputs = new ArrayList<>();
        final List<ViewBuilder> views = new ArrayList<>();
        for (final ReportFormat format : ReportFormat.values())
        {
            for (final String name : Views.NAMES)
            {
                final StringBuilder out = new StringBuilder();
                outputs.add(out);
                views.add(Views.create(name, format, out));
            }
        }
        try (Journal journal = new Journal(new JournalContext().directory(dir.resolve("journal"))))
        {
            final CoreFeed feed = new CoreFeed().journal(journal).views(views.toArray(new ViewBuilder[0]));
            feed.applyAll(commands.genesis());
            final Traffic traffic = new Traffic(commands, 42, cutOffPercent);
            for (int i = 0; i < messages; i++)
            {
                feed.apply(traffic.next());
            }
            feed.finish();
        }
        return outputs;
    }

    private List<StringBuilder> replay(final ReplayRange range)
    {
        final List<StringBuilder> outputs = new ArrayList<>();
        final List<ViewBuilder> views = new ArrayList<>();
        for (final ReportFormat format : ReportFormat.values())
        {
            for (final String name : Views.NAMES)
            {
                final StringBuilder out = new StringBuilder();
                outputs.add(out);
                views.add(Views.create(name, format, out));
            }
        }
        new ReplayEngine(new CoreContext()).replay(dir, range, views, ReplayProgress.NONE);
        return outputs;
    }

    @Test
    void replayedViewsAreByteForByteTheViewsBuiltAsTheEntriesWereApplied()
    {
        final List<StringBuilder> live = writeJournal(3_000, 2);
        final List<StringBuilder> replayed = replay(ReplayRange.all());
        for (int i = 0; i < live.size(); i++)
        {
            assertEquals(live.get(i).toString(), replayed.get(i).toString(), "view " + i);
        }
        assertTrue(live.get(1).toString().contains(",closed,"), "the traffic cut off windows");
        assertTrue(live.get(0).toString().lines().count() > 500, "clearing records");
    }

    @Test
    void aCoreBuiltByTheCallerGivesTheSameViewsAndAUsedOrForeignCoreIsRefused()
    {
        final List<StringBuilder> live = writeJournal(1_000, 2);
        final CoreContext context = new CoreContext();
        final ReplayEngine engine = new ReplayEngine(context);
        final SwitchCore fresh = new SwitchCore(context);
        final StringBuilder settlement = new StringBuilder();
        final ReplayResult result = engine.replay(fresh, dir, ReplayRange.all(),
            List.of(Views.create("settlement", ReportFormat.CSV, settlement)), ReplayProgress.NONE);
        assertEquals(live.get(1).toString(), settlement.toString());
        assertEquals(result.journalLastSequence(), fresh.lastSequence(), "the caller's core applied the journal");

        final IllegalArgumentException used = assertThrows(IllegalArgumentException.class, () -> engine.replay(fresh,
            dir, ReplayRange.all(), List.of(), ReplayProgress.NONE));
        assertTrue(used.getMessage().contains("has applied up to sequence " + fresh.lastSequence()), used.getMessage());
        final IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> engine.replay(
            new SwitchCore(new CoreContext()), dir, ReplayRange.all(), List.of(), ReplayProgress.NONE));
        assertTrue(foreign.getMessage().contains("another context"), foreign.getMessage());
    }

    @Test
    void aWindowRangeReportsThatWindowOnlyAndARangeBeforeEverythingIsEmpty()
    {
        writeJournal(1_500, 3);
        final List<StringBuilder> window2 = replay(ReplayRange.window(2));
        final List<String> settlement = window2.get(1).toString().lines().toList();
        assertTrue(settlement.size() > 2, String.join("\n", settlement));
        assertTrue(settlement.stream().skip(1).allMatch(l -> l.startsWith("2,closed,")), String.join("\n", settlement));
        assertTrue(window2.get(0).toString().lines().skip(1).filter(l -> l.startsWith("record,"))
            .allMatch(l -> l.split(",")[5].equals("2")), "clearing records of window 2 only");

        final List<StringBuilder> empty = replay(ReplayRange.time(0, 1));
        assertEquals(SettlementReportWriter.CSV_HEADER, empty.get(1).toString());
        assertEquals("{\"view\":\"settlement\",\"windows\":[\n]}\n", empty.get(5).toString());
        assertEquals("{\"view\":\"clearing\",\"records\":[],\"totals\":[]}\n", empty.get(4).toString());
        assertEquals(1, empty.get(0).toString().lines().count(), "header only");
    }

    @Test
    void aSequenceRangeCountsOnlyItsEntriesButKnowsTheOriginalsBeforeIt()
    {
        writeJournal(1_000, 0);
        final StringBuilder clearing = new StringBuilder();
        final ReplayResult result = new ReplayEngine(new CoreContext()).replay(dir, ReplayRange.sequences(600, 700),
            List.of(Views.create("clearing", ReportFormat.CSV, clearing)), ReplayProgress.NONE);
        assertEquals(101, result.entriesInRange());
        assertEquals(600, result.firstSequence());
        assertEquals(700, result.lastSequence());
        final List<String> records = clearing.toString().lines().filter(l -> l.startsWith("record,")).toList();
        assertFalse(records.isEmpty());
        for (final String record : records)
        {
            final long sequence = Long.parseLong(record.split(",")[1]);
            assertTrue(sequence >= 600 && sequence <= 700, record);
            assertTrue(record.contains("TERM0001"), "completion in range linked to an original before it: " + record);
        }
    }

    @Test
    void aCorruptEntryStopsReplayNamingItsSequence() throws IOException
    {
        writeJournal(200, 0);
        final byte[] merchant = "BOOKS \"NILE\"".getBytes(StandardCharsets.US_ASCII);
        flipFirst(dir.resolve("journal"), merchant);
        final ReplayException ex = assertThrows(ReplayException.class, () -> replay(ReplayRange.all()));
        assertTrue(ex.getMessage().contains("sequence " + ex.sequence()) && ex.getMessage().contains("CRC"),
            ex.getMessage());
        assertTrue(ex.sequence() > commands.genesis().size(), ex.getMessage());
    }

    @Test
    void aGapStopsReplayNamingTheMissingSequence() throws IOException
    {
        try (Journal journal = new Journal(new JournalContext().directory(dir.resolve("journal"))))
        {
            final CoreFeed feed = new CoreFeed().journal(journal);
            feed.applyAll(commands.genesis());
            feed.advanceMillis(DAY).apply(commands.tick());
            feed.apply(commands.tick());
            feed.advanceMillis(DAY).apply(commands.tick());
        }
        final List<Path> files = cycleFiles(dir.resolve("journal"));
        assertEquals(3, files.size(), files.toString());
        Files.delete(files.get(1));
        final int firstMissing = commands.genesis().size() + 1;
        final ReplayException ex = assertThrows(ReplayException.class, () -> replay(ReplayRange.all()));
        assertEquals(firstMissing, ex.sequence(), ex.getMessage());
        assertTrue(ex.getMessage().contains("sequence " + firstMissing), ex.getMessage());
    }

    @Test
    void anEntryOfANewerSchemaVersionStopsReplayNamingItsSequence()
    {
        final long sequence;
        try (Journal journal = new Journal(new JournalContext().directory(dir.resolve("journal"))))
        {
            final CoreFeed feed = new CoreFeed().journal(journal);
            feed.applyAll(commands.genesis());
            final byte[] tick = commands.tick();
            final UnsafeBuffer buffer = new UnsafeBuffer(tick);
            new MessageHeaderEncoder().wrap(buffer, 0).version(MessageHeaderEncoder.SCHEMA_VERSION + 1);
            buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH, feed.sequence() + 1);
            buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH + 8, feed.now());
            journal.append(buffer, 0, tick.length);
            sequence = feed.sequence() + 1;
        }
        final ReplayException ex = assertThrows(ReplayException.class, () -> replay(ReplayRange.all()));
        assertEquals(sequence, ex.sequence());
        assertTrue(ex.getMessage().contains("sequence " + sequence) && ex.getMessage().contains("schema version"),
            ex.getMessage());
    }

    @Test
    void anEmptyJournalGivesEmptyReports() throws IOException
    {
        Files.createDirectories(dir.resolve("journal"));
        new Journal(new JournalContext().directory(dir.resolve("journal"))).close();
        final List<StringBuilder> outputs = replay(ReplayRange.all());
        assertEquals(SettlementReportWriter.CSV_HEADER, outputs.get(1).toString());
    }

    private static List<Path> cycleFiles(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    private static void flipFirst(final Path journal, final byte[] pattern) throws IOException
    {
        for (final Path file : cycleFiles(journal))
        {
            final byte[] content = Files.readAllBytes(file);
            for (int i = 0; i + pattern.length <= content.length; i++)
            {
                boolean match = true;
                for (int j = 0; j < pattern.length && match; j++)
                {
                    match = content[i + j] == pattern[j];
                }
                if (match)
                {
                    content[i] ^= 0x5A;
                    Files.write(file, content);
                    return;
                }
            }
        }
        throw new AssertionError("pattern not found");
    }
}
