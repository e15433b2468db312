package io.tahweel.engine.replication;

import static io.tahweel.engine.testing.Scenario.ACQUIRER_SETTLEMENT;
import static io.tahweel.engine.testing.Scenario.BANK_SETTLEMENT;
import static io.tahweel.engine.testing.Scenario.CARD_ACCOUNT;
import static io.tahweel.engine.testing.Scenario.FUNDS;
import static io.tahweel.engine.testing.Scenario.OPERATOR_ACCOUNT;
import static io.tahweel.engine.testing.Scenario.REMOTE_SETTLEMENT;
import static io.tahweel.engine.testing.Scenario.SMALL_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;

/** What the failover tests read back from a node's journal after a failover. */
final class FailoverJournals
{
    private FailoverJournals()
    {
    }

    /** sequence -> {sequence, result, authorization id, correlation id} of every authorization outcome. */
    static Map<Long, long[]> replayOutcomes(final Journal journal, final CoreContext context)
    {
        final SwitchCore core = new SwitchCore(context);
        final Outcome outcome = new Outcome();
        final Map<Long, long[]> outcomes = new HashMap<>();
        journal.readRange(1, journal.lastSequence(), (buffer, offset, length, sequence) ->
        {
            core.onEntry(buffer, offset, length, outcome);
            if (outcome.type() == Outcome.AUTHORIZATION)
            {
                outcomes.put(sequence, new long[]{sequence, outcome.result(), outcome.authorizationId(),
                    outcome.correlationId()});
            }
        });
        return outcomes;
    }

    /**
     * Every released answer (stan -> sequence, result, authorization id) is at its sequence in {@code journal} with the
     * same correlation, result and authorization id: replayed through a {@link SwitchCore}, not read from memory.
     */
    static void assertAnswersJournaled(final Map<Long, long[]> released, final Journal journal, final String node)
    {
        final Map<Long, long[]> replayed = replayOutcomes(journal, FailoverNodeMain.CORE);
        for (final Map.Entry<Long, long[]> answer : released.entrySet())
        {
            final long[] original = answer.getValue();
            final long[] atSequence = replayed.get(original[0]);
            assertNotNull(atSequence, "released sequence " + original[0] + " missing from " + node + "'s journal");
            assertEquals(answer.getKey(), atSequence[3], "correlation at sequence " + original[0]);
            assertEquals(original[1], atSequence[1], "result at sequence " + original[0]);
            assertEquals(original[2], atSequence[2], "authorization id at sequence " + original[0]);
        }
    }

    /** The sequence of the EpochStart of {@code epoch}; checks it names the sequence before it. */
    static long findEpochStart(final Journal journal, final int epoch)
    {
        final long[] found = {0};
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final EpochStartDecoder decoder = new EpochStartDecoder();
        journal.readRange(1, journal.lastSequence(), (buffer, offset, length, sequence) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == EpochStartDecoder.TEMPLATE_ID)
            {
                decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                if (decoder.header().epoch() == epoch)
                {
                    assertEquals(sequence - 1, decoder.previousEpochLastSequence());
                    assertEquals(epoch - 1, decoder.previousEpoch());
                    found[0] = sequence;
                }
            }
        });
        assertTrue(found[0] > 0, "no EpochStart of epoch " + epoch);
        return found[0];
    }

    /**
     * Both journals end together with the same state (replayed from genesis); nothing approved or posted twice; the
     * ledger balances. {@code bDir} is the node whose journal the outcomes are read from.
     */
    static void assertConvergedAndBalanced(final Path aDir, final Path bDir)
    {
        try (Journal bJournal = new Journal(new JournalContext().directory(bDir.resolve("journal")).readOnly(true));
            Journal aJournal = new Journal(new JournalContext().directory(aDir.resolve("journal")).readOnly(true)))
        {
            final long last = bJournal.lastSequence();
            assertEquals(last, aJournal.lastSequence());
            final Map<Long, long[]> outcomes = FailoverJournals.replayOutcomes(bJournal, FailoverNodeMain.CORE);
            // A repeat answered from idempotency carries the original authorization id; a second approval would not.
            final Map<Long, Long> approvals = new HashMap<>();  // stan -> authorization id
            long approvedAmount = 0;
            for (final long[] outcome : outcomes.values())
            {
                if (outcome[1] == AuthorizationResult.APPROVED.value())
                {
                    final Long earlier = approvals.putIfAbsent(outcome[3], outcome[2]);
                    if (null == earlier)
                    {
                        approvedAmount += FailoverNodeMain.amountOf((int)outcome[3]);
                    }
                    else
                    {
                        assertEquals(earlier, outcome[2], "stan " + outcome[3] + " approved twice");
                    }
                }
            }
            assertTrue(approvals.size() > 0, "approvals in the new primary's journal");
            final SwitchCore bCore = Recovery.replayFromGenesis(FailoverNodeMain.CORE, bJournal, last);
            assertEquals(bCore.stateHash(), Recovery.replayFromGenesis(FailoverNodeMain.CORE, aJournal, last).stateHash(),
                "the old primary converges to the new primary's state");
            final var ledger = bCore.ledger();
            assertNull(ledger.checkInvariants(), "ledger invariants");
            assertEquals(approvedAmount, ledger.debitsPosted(CARD_ACCOUNT), "card debited once per approval");
            assertEquals(FUNDS, ledger.creditsPosted(CARD_ACCOUNT));
            assertDoubleEntry(ledger);
        }
    }

    /** Debits posted equal credits posted over every account of the scenario. */
    static void assertDoubleEntry(final Ledger ledger)
    {
        long debits = 0;
        long credits = 0;
        for (final long account : new long[]{CARD_ACCOUNT, SMALL_ACCOUNT, BANK_SETTLEMENT, ACQUIRER_SETTLEMENT,
            REMOTE_SETTLEMENT, OPERATOR_ACCOUNT})
        {
            debits += ledger.debitsPosted(account);
            credits += ledger.creditsPosted(account);
        }
        assertEquals(debits, credits, "double entry");
    }
}
