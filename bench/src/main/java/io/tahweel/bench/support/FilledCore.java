package io.tahweel.bench.support;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A core at the given capacities with the bench's genesis (10,000 funded cards), fed single-message
 * Authorize entries one microsecond apart on the calling thread: how the stall benches bring the
 * authorization book and the transfer ring to the size a busy node's are.
 */
public final class FilledCore
{
    private static final int CARDS = 10_000;
    private static final long NANOS_PER_ENTRY = 1_000;

    private final SwitchCore core;
    private final CardTraffic traffic;
    private final UnsafeBuffer entry = new UnsafeBuffer(new byte[1024]);
    private final EntryHeaderEncoder header = new EntryHeaderEncoder();
    private final Outcome outcome = new Outcome();
    private final int length;
    private long sequence;
    private long timestamp;

    public FilledCore(final CoreContext context)
    {
        final BenchSwitch bench = new BenchSwitch(CARDS);
        core = bench.newCore(context);
        sequence = core.lastSequence();
        timestamp = core.lastTimestamp();
        traffic = new CardTraffic(bench);
        length = traffic.encodeAuthorize(entry, CaptureMode.SINGLE_MESSAGE, 1);
        header.wrap(entry, MessageHeaderEncoder.ENCODED_LENGTH).epoch(1);
    }

    public SwitchCore core()
    {
        return core;
    }

    /** Applies {@code entries} more Authorize entries. */
    public void apply(final int entries)
    {
        for (int i = 0; i < entries; i++)
        {
            traffic.patchAuthorize(entry);
            header.sequence(++sequence).timestamp(timestamp += NANOS_PER_ENTRY);
            core.onEntry(entry, 0, length, outcome);
        }
    }
}
