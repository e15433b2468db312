package io.tahweel.journal.replication;

import static io.tahweel.journal.replication.ReplicationPair.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two embedded media drivers, UDP on loopback, two Chronicle journals: what the primary journals
 * appears in the standby's journal at the same sequences, byte for byte.
 */
class ReplicationLinkTest
{
    private static final long TIMEOUT_MS = 20_000;

    @TempDir
    Path dir;

    private final ReplicationEntries entries = new ReplicationEntries();

    @Test
    void entriesAppearOnTheStandbyByteIdenticalAndAcksAdvance()
    {
        try (ReplicationPair pair = new ReplicationPair(dir))
        {
            final ReplicationPair.Primary primary = pair.startPrimary();
            final ReplicationPair.Standby standby = pair.startStandby();
            await(() -> primary.publisher.isStandbyAlive(), TIMEOUT_MS, "the standby's first ack");
            entries.append(primary.journal, 1, 500, 1);
            await(() -> primary.publisher.ackedSequence() == 500, TIMEOUT_MS, "ack of 500");
            assertEquals(500, standby.follower.journaledSequence());
            final List<Long> acks = primary.acks;
            for (int i = 1; i < acks.size(); i++)
            {
                assertTrue(acks.get(i) > acks.get(i - 1), "acks only advance: " + acks);
            }
            standby.stop();
            assertJournalsEqual(primary, standby, 500);
            assertTrue(pair.errors.isEmpty(), pair.errors.toString());
        }
    }

    @Test
    void aLateStandbyCatchesUpFromThePrimarysJournalWhileItKeepsAppending()
    {
        try (ReplicationPair pair = new ReplicationPair(dir))
        {
            final ReplicationPair.Primary primary = pair.startPrimary();
            entries.append(primary.journal, 1, 3_000, 1);
            await(() -> primary.publisher.nextSequence() == 3_001, TIMEOUT_MS, "the publisher to pass the backlog");

            final ReplicationPair.Standby standby = pair.startStandby();
            for (long s = 3_001; s <= 5_000; s += 10)
            {
                entries.append(primary.journal, s, s + 9, 1);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
            }
            await(() -> primary.publisher.ackedSequence() == 5_000, TIMEOUT_MS, "ack of 5000");
            assertTrue(primary.publisher.requestsServed() >= 1, "the standby asked for its backlog");
            standby.stop();
            assertJournalsEqual(primary, standby, 5_000);
        }
    }

    @Test
    void aRestartedStandbyResumesFromItsOwnJournal()
    {
        try (ReplicationPair pair = new ReplicationPair(dir))
        {
            final ReplicationPair.Primary primary = pair.startPrimary();
            ReplicationPair.Standby standby = pair.startStandby();
            entries.append(primary.journal, 1, 300, 1);
            await(() -> primary.publisher.ackedSequence() == 300, TIMEOUT_MS, "ack of 300");
            standby.close();

            entries.append(primary.journal, 301, 700, 1);
            standby = pair.startStandby();
            assertEquals(300, standby.follower.journaledSequence(), "resumes from its own journal");
            entries.append(primary.journal, 701, 800, 1);
            await(() -> primary.publisher.ackedSequence() == 800, TIMEOUT_MS, "ack of 800 after restart");
            assertTrue(standby.follower.requestsSent() >= 1, "the restarted standby asked for what it missed");
            standby.stop();
            assertJournalsEqual(primary, standby, 800);
        }
    }

    @Test
    void heartbeatLossIsDetectedWithinTheThresholdOnBothSides()
    {
        final long heartbeatNs = TimeUnit.MILLISECONDS.toNanos(50);
        final long lossNs = TimeUnit.MILLISECONDS.toNanos(300);
        try (ReplicationPair pair = new ReplicationPair(dir, heartbeatNs, lossNs))
        {
            final ReplicationPair.Primary primary = pair.startPrimary();
            final ReplicationPair.Standby standby = pair.startStandby();
            await(() -> primary.publisher.isStandbyAlive() && standby.follower.isPrimaryAlive(), TIMEOUT_MS,
                "both sides to hear each other");
            LockSupport.parkNanos(3 * lossNs);
            assertTrue(primary.publisher.isStandbyAlive() && standby.follower.isPrimaryAlive(),
                "an idle link stays alive on heartbeats");

            final long primaryGone = System.nanoTime();
            primary.runner.close();
            await(() -> !standby.follower.isPrimaryAlive(), TIMEOUT_MS, "the standby to notice");
            final long standbyNoticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - primaryGone);
            assertTrue(standbyNoticedMs <= TimeUnit.NANOSECONDS.toMillis(lossNs) + 100,
                "standby noticed primary loss after " + standbyNoticedMs + " ms");

            final long standbyGone = System.nanoTime();
            standby.runner.close();
            await(() -> !primary.publisher.isStandbyAlive(), TIMEOUT_MS, "the primary to notice");
            final long primaryNoticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - standbyGone);
            assertTrue(primaryNoticedMs <= TimeUnit.NANOSECONDS.toMillis(lossNs) + 100,
                "primary noticed standby loss after " + primaryNoticedMs + " ms");
        }
    }

    @Test
    void anEntryWhoseEpochGoesBackwardsStopsTheStandbyLoudly()
    {
        try (ReplicationPair pair = new ReplicationPair(dir))
        {
            pair.primaryContext.epoch(2);
            final ReplicationPair.Primary primary = pair.startPrimary();
            final ReplicationPair.Standby standby = pair.startStandby();
            entries.append(primary.journal, 1, 10, 2);
            entries.append(primary.journal, 11, 12, 1);
            await(() -> standby.follower.failure() != null, TIMEOUT_MS, "the follower to refuse sequence 11");
            assertTrue(standby.follower.failure().getMessage().contains("sequence 11 has epoch 1: after epoch 2"),
                standby.follower.failure().getMessage());
            assertEquals(10, standby.follower.journaledSequence());
        }
    }

    @Test
    void framesFromAnOlderEpochAreIgnored()
    {
        try (ReplicationPair pair = new ReplicationPair(dir))
        {
            pair.standbyContext.epoch(3);
            final ReplicationPair.Primary primary = pair.startPrimary();
            final ReplicationPair.Standby standby = pair.startStandby();
            entries.append(primary.journal, 1, 20, 1);
            await(() -> standby.follower.staleFrames() >= 20, TIMEOUT_MS, "stale frames to be counted");
            assertEquals(0, standby.follower.journaledSequence());
            assertEquals(0, primary.publisher.ackedSequence(), "acks of another epoch vouch for nothing");
            await(() -> primary.publisher.highestEpochSeen() == 3, TIMEOUT_MS, "the standby's epoch in its acks");
        }
    }

    private static void assertJournalsEqual(
        final ReplicationPair.Primary primary, final ReplicationPair.Standby standby, final long last)
    {
        assertEquals(last, standby.journal.lastSequence());
        final List<byte[]> expected = ReplicationEntries.read(primary.journal, last);
        final List<byte[]> actual = ReplicationEntries.read(standby.journal, last);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), actual.get(i), "entry " + (i + 1));
        }
    }
}
