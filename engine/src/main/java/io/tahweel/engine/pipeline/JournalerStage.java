package io.tahweel.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.tahweel.engine.core.EntryTypes;
import io.tahweel.engine.replication.ReplicationGate;
import io.tahweel.journal.Journal;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Stage 1: checks the envelope, stamps sequence, epoch and time into the entry header, and
 * appends the entry to the journal. This is the only place the pipeline reads a clock; the time
 * it stamps is the core's only notion of time. Stamped time never goes backwards.
 */
final class JournalerStage implements EventHandler<CommandSlot>
{
    private static final int MIN_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + EntryHeaderEncoder.ENCODED_LENGTH;

    private final Journal journal;
    private final ReplicationGate gate;
    private final EpochNanoClock clock;
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderEncoder entryHeader = new EntryHeaderEncoder();
    private final int epoch;
    private long nextSequence;
    private long lastTimestamp;

    JournalerStage(final Journal journal, final EpochNanoClock clock, final int epoch, final long lastTimestamp,
        final ReplicationGate gate)
    {
        this.journal = journal;
        this.gate = gate;
        this.clock = clock;
        this.epoch = epoch;
        this.nextSequence = journal.lastSequence() + 1;
        this.lastTimestamp = lastTimestamp;
    }

    private final BatchProgress progress = new BatchProgress();

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        progress.sequence(sequenceCallback);
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        journal(slot);
        progress.done(ringSequence);
    }

    private void journal(final CommandSlot slot)
    {
        final int rejection = check(slot);
        if (rejection != CommandSlot.ACCEPTED)
        {
            slot.rejection(rejection);
            return;
        }
        if (!gate.acceptsNewWork())
        {
            slot.rejection(CommandSlot.REJECTED_NO_STANDBY);
            return;
        }
        lastTimestamp = Math.max(lastTimestamp, clock.nanoTime());
        entryHeader.wrap(slot.unsafeBuffer(), MessageHeaderDecoder.ENCODED_LENGTH)
            .sequence(nextSequence)
            .timestamp(lastTimestamp)
            .epoch(epoch);
        journal.append(slot.unsafeBuffer(), 0, slot.length());
        nextSequence++;
    }

    private int check(final CommandSlot slot)
    {
        final int length = slot.length();
        if (length < MIN_LENGTH || length > CommandSlot.MAX_ENTRY_LENGTH)
        {
            return CommandSlot.REJECTED_LENGTH;
        }
        messageHeader.wrap(slot.unsafeBuffer(), 0);
        if (messageHeader.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            messageHeader.version() != MessageHeaderDecoder.SCHEMA_VERSION ||
            MessageHeaderDecoder.ENCODED_LENGTH + messageHeader.blockLength() > length)
        {
            return CommandSlot.REJECTED_SCHEMA;
        }
        if (!EntryTypes.isSupported(messageHeader.templateId()))
        {
            return CommandSlot.REJECTED_TEMPLATE;
        }
        return CommandSlot.ACCEPTED;
    }
}
