package io.tahweel.tools.demo.ha;

import io.tahweel.engine.core.Outcome;
import io.tahweel.replay.view.ViewBuilder;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * What a journal says one acquirer was answered, by RRN, as the replay engine re-derives it: the first
 * decision on each RRN (result, authorization id, sequence), how many times it was approved afresh, and the
 * answers given to its repeats; plus the last {@code EpochStart} (where a promoted node's epoch began).
 * Kept in memory: meant for the demo's thousands of requests, not a production journal.
 */
final class JournaledDecisions implements ViewBuilder
{
    /** The decisions on one RRN. */
    static final class Decision
    {
        final long sequence;
        final int result;
        final long authorizationId;
        int freshApprovals;
        int repeatsAnswered;
        int repeatsAnsweredDifferently;

        Decision(final long sequence, final int result, final long authorizationId)
        {
            this.sequence = sequence;
            this.result = result;
            this.authorizationId = authorizationId;
        }
    }

    private static final int APPROVED = io.tahweel.sbe.AuthorizationResult.APPROVED.value();

    private final long acquirerId;
    private final Map<String, Decision> byRrn = new HashMap<>();
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final AuthorizeDecoder authorize = new AuthorizeDecoder();
    private final EpochStartDecoder epochStart = new EpochStartDecoder();
    private long epochStartSequence;
    private long previousEpochLastSequence;
    private int epoch;

    JournaledDecisions(final long acquirerId)
    {
        this.acquirerId = acquirerId;
    }

    @Override
    public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        messageHeader.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (templateId == EpochStartDecoder.TEMPLATE_ID)
        {
            epochStart.wrap(buffer, body, messageHeader.blockLength(), messageHeader.version());
            epochStartSequence = entryHeader.wrap(buffer, body).sequence();
            epoch = entryHeader.epoch();
            previousEpochLastSequence = epochStart.previousEpochLastSequence();
        }
        else if (templateId == AuthorizeDecoder.TEMPLATE_ID && outcome.type() == Outcome.AUTHORIZATION)
        {
            authorize.wrap(buffer, body, messageHeader.blockLength(), messageHeader.version());
            if (authorize.acquirerId() == acquirerId)
            {
                record(authorize.rrn().trim(), entryHeader.wrap(buffer, body).sequence(), outcome);
            }
        }
    }

    private void record(final String rrn, final long sequence, final Outcome outcome)
    {
        Decision decision = byRrn.get(rrn);
        if (decision == null)
        {
            decision = new Decision(sequence, outcome.result(), outcome.authorizationId());
            byRrn.put(rrn, decision);
        }
        if (outcome.repeat())
        {
            decision.repeatsAnswered++;
            if (outcome.result() != decision.result || outcome.authorizationId() != decision.authorizationId)
            {
                decision.repeatsAnsweredDifferently++;
            }
        }
        else if (outcome.result() == APPROVED)
        {
            decision.freshApprovals++;
        }
    }

    @Override
    public void finish()
    {
    }

    /** The first decision on {@code rrn}, or null if the journal has none. */
    Decision decision(final String rrn)
    {
        return byRrn.get(rrn);
    }

    Map<String, Decision> decisions()
    {
        return byRrn;
    }

    /** Sequence of the last EpochStart entry, 0 if none. */
    long epochStartSequence()
    {
        return epochStartSequence;
    }

    /** The last sequence of the epoch before the last EpochStart: what the promoted node had journaled. */
    long previousEpochLastSequence()
    {
        return previousEpochLastSequence;
    }

    int epoch()
    {
        return epoch;
    }
}
