package io.tahweel.engine.pipeline;

import io.tahweel.engine.core.Outcome;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.Source;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated entry of the input ring: the SBE-encoded command a producer wrote, and,
 * once processed, the core's {@link Outcome}. Producers encode straight into {@link #buffer()}
 * (no copy), the journaler stamps the header in place, the core decodes it in place.
 */
public final class CommandSlot
{
    /** Largest entry a producer may write; admin commands with two 254-byte texts fit. */
    public static final int MAX_ENTRY_LENGTH = 1024;

    /** Why the journaler refused an entry; nothing refused reaches the journal or the core. */
    public static final int ACCEPTED = 0;
    public static final int REJECTED_LENGTH = 1;
    public static final int REJECTED_SCHEMA = 2;
    public static final int REJECTED_TEMPLATE = 3;
    public static final int REJECTED_NODE_STOPPED = 4;
    /** Sync replication with no standby alive: journaling now would leave the answer unreleasable. */
    public static final int REJECTED_NO_STANDBY = 5;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(MAX_ENTRY_LENGTH, 64));
    private final EntryHeaderDecoder header = new EntryHeaderDecoder();
    private final Outcome outcome = new Outcome();
    private long ringSequence;
    private int length;
    private int rejection;
    private Object attachment;

    CommandSlot()
    {
        header.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
    }

    /** Where the producer encodes the entry, starting with the SBE message header at offset 0. */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** Sets the encoded length; call before {@link CommandPublisher#publish(CommandSlot)}. */
    public CommandSlot length(final int length)
    {
        this.length = length;
        return this;
    }

    public int length()
    {
        return length;
    }

    /** Producer-owned reference handed back with the outcome (e.g. a connection); never journaled. */
    public CommandSlot attachment(final Object attachment)
    {
        this.attachment = attachment;
        return this;
    }

    public Object attachment()
    {
        return attachment;
    }

    public Outcome outcome()
    {
        return outcome;
    }

    public int rejection()
    {
        return rejection;
    }

    public long sequence()
    {
        return header.sequence();
    }

    public long timestamp()
    {
        return header.timestamp();
    }

    public long correlationId()
    {
        return header.correlationId();
    }

    public long connectionId()
    {
        return header.connectionId();
    }

    public Source source()
    {
        return header.source();
    }

    void rejection(final int reason)
    {
        rejection = reason;
    }

    long ringSequence()
    {
        return ringSequence;
    }

    void claimed(final long ringSequence)
    {
        this.ringSequence = ringSequence;
        length = 0;
        rejection = ACCEPTED;
        attachment = null;
        outcome.reset();
    }

    UnsafeBuffer unsafeBuffer()
    {
        return buffer;
    }
}
