package io.tahweel.engine.node;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.tahweel.engine.testing.Scenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchNodeTest
{
    private final TestCommands commands = new TestCommands();

    @Test
    void journalsAndAnswersThroughTheRingAndRecoversTheSameState(@TempDir final Path dataDir)
    {
        final ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        final NodeContext context = context(dataDir).outcomeListener(slot ->
        {
            if (slot.outcome().type() == Outcome.AUTHORIZATION)
            {
                answers.add(AuthorizationResult.get(slot.outcome().result()).name());
            }
        });
        final StateHash live;
        try (SwitchNode node = SwitchNode.start(context, Scenario.genesis(commands)))
        {
            final long genesisEnd = node.lastOutputSequence();
            assertEquals(Scenario.genesis(commands).size(), genesisEnd);
            publish(node.publisher(), commands.authorize(ACQUIRER, 1, 1125000000L, "RRN000000001", CARD, 10_00, EGP,
                EXPIRY, CaptureMode.DUAL_MESSAGE, false));
            publish(node.publisher(), commands.authorize(ACQUIRER, 2, 1125000000L, "RRN000000002", UNKNOWN_CARD, 10_00,
                EGP, EXPIRY, CaptureMode.DUAL_MESSAGE, false));
            assertTrue(node.awaitOutput(genesisEnd + 2, 10, TimeUnit.SECONDS));
            assertEquals(List.of("APPROVED", "CARD_NOT_FOUND"), new ArrayList<>(answers));
        }

        try (Journal journal = new Journal(new JournalContext().directory(dataDir.resolve("journal"))))
        {
            final SwitchCore fromGenesis = Recovery.replayFromGenesis(new CoreContext(), journal, journal.lastSequence());
            final SwitchCore fromSnapshot = Recovery.recover(new CoreContext(), journal,
                new SnapshotStore(dataDir.resolve("snapshots")));
            live = fromGenesis.stateHash();
            assertEquals(live, fromSnapshot.stateHash());
            assertEquals(10_00, fromGenesis.ledger().debitsPending(CARD_ACCOUNT));
        }

        try (SwitchNode restarted = SwitchNode.start(context(dataDir), Scenario.genesis(commands)))
        {
            assertEquals(live.sequence(), restarted.recoveredSequence(), "genesis is not applied twice");
        }
    }

    @Test
    void refusedGenesisWritesNothingAndTheNodeDoesNotStart(@TempDir final Path dataDir)
    {
        final List<byte[]> genesis = new ArrayList<>(Scenario.genesis(commands));
        genesis.add(3, commands.addBinRoute(42, "510000"));
        final GenesisRejectedException ex = assertThrows(GenesisRejectedException.class,
            () -> SwitchNode.start(context(dataDir), genesis));
        assertEquals(3, ex.commandIndex());
        assertEquals("UNKNOWN_PARTICIPANT", ex.result());
        try (Journal journal = new Journal(new JournalContext().directory(dataDir.resolve("journal"))))
        {
            assertEquals(0, journal.lastSequence());
        }
    }

    @Test
    void malformedEntriesAreRefusedBeforeTheJournal(@TempDir final Path dataDir)
    {
        final ConcurrentLinkedQueue<Integer> rejections = new ConcurrentLinkedQueue<>();
        try (SwitchNode node = SwitchNode.start(context(dataDir).outcomeListener(slot -> rejections.add(slot.rejection())),
            Scenario.genesis(commands)))
        {
            final long before = node.journal().lastSequence();
            final CommandPublisher publisher = node.publisher();
            final CommandSlot empty = publisher.claim();
            publisher.publish(empty.length(0));
            final CommandSlot garbage = publisher.claim();
            garbage.buffer().setMemory(0, 100, (byte)0x7F);
            publisher.publish(garbage.length(100));
            publish(publisher, commands.tick());
            assertTrue(node.awaitOutput(before + 1, 10, TimeUnit.SECONDS));
            assertEquals(before + 1, node.journal().lastSequence());
        }
        assertTrue(rejections.contains(CommandSlot.REJECTED_LENGTH));
        assertTrue(rejections.contains(CommandSlot.REJECTED_SCHEMA));
    }

    private static NodeContext context(final Path dataDir)
    {
        return new NodeContext()
            .dataDirectory(dataDir)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .coreContext(new CoreContext().transferCapacity(4096).authorizationCapacity(4096).cardCapacity(1024)
                .accountCapacity(1024));
    }

    private static void publish(final CommandPublisher publisher, final byte[] entry)
    {
        final CommandSlot slot = publisher.claim();
        slot.buffer().putBytes(0, entry);
        publisher.publish(slot.length(entry.length));
    }
}
