package io.tahweel.engine.compat;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.core.UnsupportedEntryException;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static io.tahweel.engine.testing.Scenario.ACQUIRER_SETTLEMENT;
import static io.tahweel.engine.testing.Scenario.CARD_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves a later build still reads a journal written by schema version 1 (STYLE item 12): the
 * fixture in {@code journals/v1} (written by the v1 build, see its README) goes into a real
 * Chronicle journal, replays without error, and every entry gets the answer the v1 core gave.
 * Entries the build cannot apply faithfully (a newer schema version, an unknown entry type)
 * stop the core with an error naming the sequence instead of being guessed at.
 */
class SchemaV1JournalTest
{
    private static final String FIXTURE = "/journals/v1/";
    private static final int V1_SCHEMA_ID = 7001;
    private static final int V1_SCHEMA_VERSION = 1;
    private static final int VERSION_OFFSET = 6;
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int SNAPSHOT_VERSION_OFFSET = 4;


    private static List<byte[]> entries;
    private static Properties expected;
    private static List<long[]> outcomes;

    @BeforeAll
    static void loadFixture() throws IOException
    {
        entries = readEntries(resource(WriteV1Fixture.ENTRIES));
        expected = new Properties();
        expected.load(new StringReader(new String(resource(WriteV1Fixture.EXPECTED), StandardCharsets.US_ASCII)));
        outcomes = new ArrayList<>();
        for (final String line : new String(resource(WriteV1Fixture.OUTCOMES), StandardCharsets.US_ASCII).split("\n"))
        {
            if (!line.isBlank() && !line.startsWith("#"))
            {
                final String[] f = line.split(",");
                final long[] row = new long[f.length];
                for (int i = 0; i < f.length; i++)
                {
                    row[i] = Long.parseLong(f[i].trim());
                }
                outcomes.add(row);
            }
        }
    }

    @Test
    void fixtureHoldsSchema7001Version1EntriesInSequence()
    {
        assertEquals(Integer.parseInt(expected.getProperty("entryCount")), entries.size());
        assertEquals(V1_SCHEMA_ID, Integer.parseInt(expected.getProperty("schemaId")));
        assertEquals(V1_SCHEMA_VERSION, Integer.parseInt(expected.getProperty("schemaVersion")));
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (int i = 0; i < entries.size(); i++)
        {
            header.wrap(new UnsafeBuffer(entries.get(i)), 0);
            assertEquals(V1_SCHEMA_ID, header.schemaId(), "schema id of entry " + (i + 1));
            assertEquals(V1_SCHEMA_VERSION, header.version(), "schema version of entry " + (i + 1));
            assertEquals(i + 1, sequenceOf(entries.get(i)), "sequence of entry " + (i + 1));
        }
        assertEquals(entries.size(), outcomes.size(), "one recorded answer per entry");
    }

    @Test
    void thisBuildReplaysTheV1JournalWithTheAnswersTheV1CoreGave(@TempDir final Path dir)
    {
        try (Journal journal = journalOf(dir))
        {
            assertEquals(entries.size(), journal.lastSequence());
            final SwitchCore core = new SwitchCore(new CoreContext());
            final Outcome outcome = new Outcome();
            final List<String> differences = new ArrayList<>();
            journal.readRange(1, journal.lastSequence(), (buffer, offset, length, sequence) ->
            {
                core.onEntry(buffer, offset, length, outcome);
                final long[] v1 = outcomes.get((int)sequence - 1);
                final long[] now = {outcome.sequence(), outcome.type(), outcome.result(), outcome.authorizationId(),
                    outcome.amount(), outcome.issuerId(), outcome.repeat() ? 1 : 0};
                if (!Arrays.equals(v1, now))
                {
                    differences.add("sequence " + sequence + ": v1 " + Arrays.toString(v1) + ", now " +
                        Arrays.toString(now));
                }
            });
            assertEquals(List.of(), differences, "answers to the v1 journal changed");
            assertEquals(Long.parseLong(expected.getProperty("lastSequence")), core.lastSequence());
            assertEquals(Long.parseLong(expected.getProperty("cardAccountDebitsPosted")),
                core.ledger().debitsPosted(CARD_ACCOUNT));
            assertEquals(Long.parseLong(expected.getProperty("cardAccountDebitsPending")),
                core.ledger().debitsPending(CARD_ACCOUNT));
            assertNull(core.ledger().checkInvariants());
            assertEquals(core.stateHash(),
                Recovery.replayFromGenesis(new CoreContext(), journal, journal.lastSequence()).stateHash());
        }
    }

    /**
     * The v1 build's state hash is comparable only while the core's snapshot layout is the same
     * version; a build that changes the layout must bump {@link SwitchCore#SNAPSHOT_VERSION}.
     */
    @Test
    void stateHashEqualsTheV1BuildsWhileTheSnapshotVersionIsUnchanged(@TempDir final Path dir)
    {
        assumeTrue(SwitchCore.SNAPSHOT_VERSION == Integer.parseInt(expected.getProperty("snapshotVersion")),
            "the core's snapshot layout has a new version; the v1 hash no longer describes it");
        try (Journal journal = journalOf(dir))
        {
            final StateHash replayed = Recovery.replayFromGenesis(new CoreContext(), journal, journal.lastSequence())
                .stateHash();
            assertEquals(expected.getProperty("stateHash"), replayed.hex(), "state hash of the v1 journal replayed by " +
                "this build (snapshot version " + SwitchCore.SNAPSHOT_VERSION + ")");
        }
    }

    /**
     * The upgrade path: a node restarted on a new build finds v1 snapshots on disk. Either the
     * snapshot is of the current version and loads to the replayed state, or its version is
     * refused and recovery falls back to replaying the journal; it never misreads it.
     */
    @Test
    void v1SnapshotIsReadFaithfullyOrRefusedAndRecoveryStillSucceeds(@TempDir final Path dir)
    {
        final byte[] snapshot = resource(WriteV1Fixture.SNAPSHOT);
        final int version = ByteBuffer.wrap(snapshot).order(ByteOrder.LITTLE_ENDIAN).getInt(SNAPSHOT_VERSION_OFFSET);
        try (Journal journal = journalOf(dir.resolve("journal")))
        {
            final StateHash replayed = Recovery.replayFromGenesis(new CoreContext(), journal, journal.lastSequence())
                .stateHash();
            final SwitchCore fromSnapshot = new SwitchCore(new CoreContext());
            if (version == SwitchCore.SNAPSHOT_VERSION)
            {
                fromSnapshot.readSnapshot(new SnapshotReader(new UnsafeBuffer(snapshot), 0, snapshot.length));
                assertEquals(replayed, fromSnapshot.stateHash(), "v1 snapshot read by this build");
            }
            else
            {
                assertThrows(IllegalStateException.class,
                    () -> fromSnapshot.readSnapshot(new SnapshotReader(new UnsafeBuffer(snapshot), 0, snapshot.length)));
            }
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
            store.write(journal.lastSequence(), 0, new UnsafeBuffer(snapshot), 0, snapshot.length);
            assertEquals(replayed, Recovery.recover(new CoreContext(), journal, store).stateHash(),
                "recovery of a v1 data directory by this build");
        }
    }

    /** Replaying history must reproduce the balances the v1 node had, not only its answers. */
    @Test
    void settlementBalancesOfTheV1JournalAreReproduced(@TempDir final Path dir)
    {
        try (Journal journal = journalOf(dir))
        {
            final SwitchCore core = Recovery.replayFromGenesis(new CoreContext(), journal, journal.lastSequence());
            assertEquals(Long.parseLong(expected.getProperty("acquirerSettlementCreditsPosted")),
                core.ledger().creditsPosted(ACQUIRER_SETTLEMENT), "acquirer settlement account after replaying v1");
        }
    }

    @Test
    void entryOfANewerSchemaVersionStopsTheCoreNamingItsSequence()
    {
        final int target = 20;
        final byte[] patched = entries.get(target - 1).clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN)
            .putShort(VERSION_OFFSET, (short)(MessageHeaderDecoder.SCHEMA_VERSION + 1));
        assertStopsAt(target, patched, "schema version " + (MessageHeaderDecoder.SCHEMA_VERSION + 1));
    }

    @Test
    void entryOfAnUnknownTypeStopsTheCoreNamingItsSequence()
    {
        final int target = 30;
        final byte[] patched = entries.get(target - 1).clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putShort(TEMPLATE_ID_OFFSET, (short)777);
        assertStopsAt(target, patched, "template id 777");
    }

    /** A refused entry must leave the core where it was, or a later snapshot would claim it was applied. */
    @Test
    void entryOfAnUnknownTypeIsNotCountedAsApplied()
    {
        final int target = 30;
        final byte[] patched = entries.get(target - 1).clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putShort(TEMPLATE_ID_OFFSET, (short)777);
        final SwitchCore core = new SwitchCore(new CoreContext());
        final Outcome outcome = new Outcome();
        for (int i = 0; i < target - 1; i++)
        {
            core.onEntry(new UnsafeBuffer(entries.get(i)), 0, entries.get(i).length, outcome);
        }
        final long timestampBefore = core.lastTimestamp();
        assertThrows(UnsupportedEntryException.class, () -> core.onEntry(new UnsafeBuffer(patched), 0, patched.length,
            outcome));
        assertEquals(target - 1, core.lastSequence(), "lastSequence after the refused entry");
        assertEquals(timestampBefore, core.lastTimestamp(), "lastTimestamp after the refused entry");
    }

    private static void assertStopsAt(final int target, final byte[] patched, final String reason)
    {
        final SwitchCore core = new SwitchCore(new CoreContext());
        final Outcome outcome = new Outcome();
        for (int i = 0; i < target - 1; i++)
        {
            core.onEntry(new UnsafeBuffer(entries.get(i)), 0, entries.get(i).length, outcome);
        }
        final UnsupportedEntryException ex = assertThrows(UnsupportedEntryException.class,
            () -> core.onEntry(new UnsafeBuffer(patched), 0, patched.length, outcome));
        assertEquals(target, ex.sequence());
        assertTrue(ex.getMessage().contains("sequence " + target), ex.getMessage());
        assertTrue(ex.getMessage().contains(reason), ex.getMessage());
    }

    private static Journal journalOf(final Path dir)
    {
        final Journal journal = new Journal(new JournalContext().directory(dir));
        for (final byte[] entry : entries)
        {
            journal.append(new UnsafeBuffer(entry), 0, entry.length);
        }
        return journal;
    }

    private static long sequenceOf(final byte[] entry)
    {
        return ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).getLong(MessageHeaderDecoder.ENCODED_LENGTH);
    }

    private static List<byte[]> readEntries(final byte[] file)
    {
        final List<byte[]> list = new ArrayList<>();
        final ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining())
        {
            final byte[] entry = new byte[in.getInt()];
            in.get(entry);
            list.add(entry);
        }
        return list;
    }

    private static byte[] resource(final String name)
    {
        try (InputStream in = SchemaV1JournalTest.class.getResourceAsStream(FIXTURE + name))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing fixture " + FIXTURE + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
