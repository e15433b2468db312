package io.tahweel.engine.determinism;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tahweel.engine.card.AuthorizationBook;
import io.tahweel.engine.card.Cards;
import io.tahweel.engine.card.RemoteIssuing;
import io.tahweel.engine.card.StoreAndForwardQueue;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.currency.Currencies;
import io.tahweel.engine.determinism.WorkloadGenerator.Command;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.participant.Participants;
import io.tahweel.engine.routing.BinRouteTable;
import io.tahweel.engine.settlement.Settlement;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.testing.CoreDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buffer a checkpoint serialises into is sized once from the core's capacities
 * ({@link SwitchCore#maxSnapshotLength}) and never grows; the bytes, and so the state hash, are the same as before
 * that change. The core is driven by the seeded workload of {@link SeededWorkloadTest} with rings small enough to
 * fill, so the authorization book and the ledger's transfer ring are at capacity when measured.
 */
class SnapshotBufferTest
{
    private static final long SEED = 20_261_125L;
    private static final int COMMANDS = 12_000;
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * {@link SwitchCore#stateHash()} of this workload computed at commit ba93158, before the writer was presized or
     * moved to the heap (then: an ExpandableDirectByteBuffer grown from 1 MB). Equal bytes, equal hash.
     */
    private static final String HASH_BEFORE_PRESIZING =
        "e1333878affa6958df5adc252b3297c18ceb67f1c2a0ee90e29ba76488d4a49d";

    private static SwitchCore core;

    private static CoreContext context()
    {
        return new CoreContext().participantCapacity(16).routeCapacity(16).accountCapacity(1024).cardCapacity(1024)
            .transferCapacity(4 * 1024).authorizationCapacity(4 * 1024).storeAndForwardCapacity(64);
    }

    @BeforeAll
    static void populate()
    {
        final WorkloadGenerator generator = new WorkloadGenerator(SEED);
        final CoreDriver driver = new CoreDriver(context());
        apply(driver, generator.genesis());
        apply(driver, generator.traffic(COMMANDS));
        core = driver.core();
    }

    private static void apply(final CoreDriver driver, final List<Command> commands)
    {
        for (final Command command : commands)
        {
            driver.at(driver.now() + STEP_NANOS + command.jumpNanos()).apply(command.bytes());
        }
    }

    @Test
    void theStateHashIsTheOneComputedBeforeTheChange()
    {
        assertEquals(HASH_BEFORE_PRESIZING, core.stateHash().hex());
    }

    @Test
    void aPresizedWriterAndAGrowingOneWriteTheSameBytes()
    {
        final SnapshotWriter presized = SnapshotWriter.sizedFor(SwitchCore.maxSnapshotLength(core.context()));
        final SnapshotWriter grown = new SnapshotWriter(16);
        core.writeSnapshot(presized);
        core.writeSnapshot(grown);

        assertEquals(grown.position(), presized.position());
        assertArrayEquals(bytes(grown), bytes(presized));
        final StateHash hash = core.stateHash(presized);
        assertEquals(core.stateHash(), hash);
        assertEquals(core.stateHash(grown), hash);

        // The hash reads a heap buffer in place and a direct one in chunks: the same digest either way.
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(presized.position() + 3));
        direct.putBytes(3, presized.buffer(), 0, presized.position());
        assertEquals(hash, StateHash.of(core.lastSequence(), direct, 3, presized.position()));
    }

    @Test
    void aWriterSizedForTheCoreIsNeverReallocated()
    {
        final long max = SwitchCore.maxSnapshotLength(core.context());
        final SnapshotWriter writer = SnapshotWriter.sizedFor(max);
        final Object buffer = writer.buffer();
        final byte[] array = writer.buffer().byteArray();
        for (int i = 0; i < 3; i++)
        {
            core.stateHash(writer);
            assertSame(buffer, writer.buffer());
            assertSame(array, writer.buffer().byteArray());
            assertEquals(max, writer.capacity());
        }
    }

    @Test
    void theBoundHoldsAndIsExactForTheFixedSizeStores()
    {
        final CoreContext context = core.context();
        assertEquals(context.authorizationCapacity(), core.authorizations().size(), "the book is full");
        assertEquals(context.transferCapacity(), core.ledger().transferCount(), "the transfer ring is full");

        final SnapshotWriter whole = new SnapshotWriter(1 << 20);
        core.writeSnapshot(whole);
        assertTrue(whole.position() <= SwitchCore.maxSnapshotLength(context),
            whole.position() + " > " + SwitchCore.maxSnapshotLength(context));

        final SnapshotWriter part = new SnapshotWriter(1 << 20);
        core.authorizations().writeSnapshot(part.reset());
        assertEquals(AuthorizationBook.maxSnapshotLength(context.authorizationCapacity()), part.position());
        core.ledger().writeSnapshot(part.reset());
        assertEquals(Ledger.maxSnapshotLength(core.ledger().accountCount(), core.ledger().transferCount()),
            part.position());
        core.cards().writeSnapshot(part.reset());
        assertEquals(Cards.maxSnapshotLength(core.cards().count()), part.position());
        final RemoteIssuing remote = core.remoteIssuing();
        remote.storeAndForward().writeSnapshot(part.reset());
        assertEquals(StoreAndForwardQueue.maxSnapshotLength((int)remote.storeAndForward().size()), part.position());

        core.participants().writeSnapshot(part.reset());
        assertTrue(part.position() <= Participants.maxSnapshotLength(context.participantCapacity(),
            context.accountCapacity()));
        core.routes().writeSnapshot(part.reset());
        assertTrue(part.position() <= BinRouteTable.maxSnapshotLength(core.routes().count()));
        core.currencies().writeSnapshot(part.reset());
        assertTrue(part.position() <= Currencies.maxSnapshotLength());
        remote.writeSnapshot(part.reset());
        assertTrue(part.position() <= RemoteIssuing.maxSnapshotLength(
            context.participantCapacity(), context.cardCapacity(), context.storeAndForwardCapacity()));
        core.settlement().writeSnapshot(part.reset());
        assertTrue(part.position() <= Settlement.maxSnapshotLength(context.positionCapacity()));
    }

    @Test
    void capacitiesWhoseFullStateFitsNoBufferAreRefused()
    {
        final CoreContext huge = new CoreContext().authorizationCapacity(AuthorizationBook.MAX_CAPACITY);
        assertTrue(SwitchCore.maxSnapshotLength(huge) > SnapshotWriter.MAX_LENGTH);
        assertThrows(IllegalArgumentException.class,
            () -> SnapshotWriter.sizedFor(SwitchCore.maxSnapshotLength(huge)));
    }

    private static byte[] bytes(final SnapshotWriter writer)
    {
        final byte[] bytes = new byte[writer.position()];
        writer.buffer().getBytes(0, bytes);
        return bytes;
    }
}
