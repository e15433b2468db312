package io.tahweel.engine.replication;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.journal.Journal;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
