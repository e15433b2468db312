package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest
{
    @TempDir
    Path dir;

    private static byte[] state(final long sequence)
    {
        return ("state as of " + sequence).getBytes(StandardCharsets.US_ASCII);
    }

    private void write(final SnapshotStore store, final long sequence)
    {
        final byte[] payload = state(sequence);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[payload.length + 10]);
        buffer.putBytes(5, payload);
        store.write(sequence, sequence * 1000, buffer, 5, payload.length);
    }

    private static byte[] payloadOf(final Snapshot snapshot)
    {
        final byte[] bytes = new byte[snapshot.payloadLength()];
        snapshot.payload().getBytes(0, bytes);
        return bytes;
    }

    @Test
    void writesAndLoadsTheLatest()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        assertTrue(store.latest().isEmpty());
        write(store, 100);
        write(store, 250);
        write(store, 90);
        assertEquals(List.of(90L, 100L, 250L), store.sequences());
        assertTrue(Files.exists(dir.resolve("snapshot-00000000000000000250.snap")));
        final Snapshot latest = store.latest().orElseThrow();
        assertEquals(250, latest.sequence());
        assertEquals(250_000, latest.timestampNanos());
        assertArrayEquals(state(250), payloadOf(latest));
    }

    @Test
    void writesAPayloadInPlaceFromAnArrayViewAndByCopyFromDirectMemory()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        final byte[] payload = state(7);
        final byte[] array = new byte[payload.length + 20];
        System.arraycopy(payload, 0, array, 9, payload.length);
        store.write(7, 7_000, new UnsafeBuffer(array, 3, payload.length + 10), 6, payload.length);
        final UnsafeBuffer direct = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(payload.length + 4));
        direct.putBytes(4, state(8));
        store.write(8, 8_000, direct, 4, payload.length);

        assertArrayEquals(state(7), payloadOf(store.load(store.fileFor(7))));
        assertArrayEquals(state(8), payloadOf(store.load(store.fileFor(8))));
    }

    @Test
    void skipsDamagedSnapshotsWithAReason() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        write(store, 20);
        write(store, 30);
        write(store, 40);
        final byte[] thirty = Files.readAllBytes(store.fileFor(30));
        thirty[thirty.length - 1] ^= 1;
        Files.write(store.fileFor(30), thirty);
        final byte[] forty = Files.readAllBytes(store.fileFor(40));
        Files.write(store.fileFor(40), java.util.Arrays.copyOf(forty, forty.length - 3));

        final Snapshot latest = store.latest().orElseThrow();
        assertEquals(20, latest.sequence());
        final List<String> reasons = store.skippedReasons();
        assertEquals(2, reasons.size());
        assertTrue(reasons.get(0).contains("snapshot-00000000000000000040.snap") && reasons.get(0).contains("length"),
            reasons.get(0));
        assertTrue(reasons.get(1).contains("snapshot-00000000000000000030.snap") && reasons.get(1).contains("CRC"),
            reasons.get(1));
    }

    @Test
    void loadingADamagedFileNamesIt() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 7);
        final Path file = store.fileFor(7);
        final byte[] good = Files.readAllBytes(file);

        final byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(file, badMagic);
        SnapshotCorruptedException ex = assertThrows(SnapshotCorruptedException.class, () -> store.load(file));
        assertTrue(ex.getMessage().contains(file.toString()) && ex.getMessage().contains("magic"), ex.getMessage());

        final byte[] badVersion = good.clone();
        badVersion[6] = 9;
        Files.write(file, badVersion);
        ex = assertThrows(SnapshotCorruptedException.class, () -> store.load(file));
        assertTrue(ex.getMessage().contains("version 9"), ex.getMessage());

        Files.write(file, new byte[] {'T', 'W'});
        ex = assertThrows(SnapshotCorruptedException.class, () -> store.load(file));
        assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());

        Files.write(file, good);
        assertEquals(7, store.load(file).sequence());
    }

    @Test
    void pruneKeepsTheNewestAndRemovesLeftoverTempFiles() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        for (long s = 1; s <= 5; s++)
        {
            write(store, s * 10);
        }
        Files.write(dir.resolve("snapshot-00000000000000000060.snap.tmp"), new byte[3], StandardOpenOption.CREATE);
        assertEquals(3, store.prune(2));
        assertEquals(List.of(40L, 50L), store.sequences());
        assertTrue(Files.notExists(dir.resolve("snapshot-00000000000000000060.snap.tmp")));
        assertEquals(0, store.prune(2));
        assertThrows(IllegalArgumentException.class, () -> store.prune(0));
    }

    @Test
    void rejectsOversizedPayloads()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1]);
        assertThrows(IllegalArgumentException.class,
            () -> store.write(1, 1, buffer, 0, SnapshotStore.MAX_PAYLOAD_LENGTH + 1));
    }
}
