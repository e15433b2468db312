package io.tahweel.engine.testing;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives a {@link SwitchCore} directly, in lock-step, doing what the journaler does: stamps
 * each entry with the next sequence and the driver's clock. Time only moves when the test says.
 */
public final class CoreDriver
{
    /** 2026-11-25T12:00:00Z, the default start of test time. */
    public static final long DEFAULT_START_NANOS = 1_795_608_000_000_000_000L;

    private final SwitchCore core;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final EntryHeaderEncoder header = new EntryHeaderEncoder();
    private final Outcome outcome = new Outcome();
    private long sequence;
    private long nowNanos = DEFAULT_START_NANOS;

    public CoreDriver(final CoreContext context)
    {
        this.core = new SwitchCore(context);
    }

    public CoreDriver(final SwitchCore core)
    {
        this.core = core;
        this.sequence = core.lastSequence();
        this.nowNanos = Math.max(nowNanos, core.lastTimestamp());
    }

    public SwitchCore core()
    {
        return core;
    }

    public long now()
    {
        return nowNanos;
    }

    public CoreDriver advanceSeconds(final long seconds)
    {
        nowNanos += seconds * 1_000_000_000L;
        return this;
    }

    public CoreDriver at(final long epochNanos)
    {
        nowNanos = epochNanos;
        return this;
    }

    /** Stamps and applies one entry; the returned outcome is reused by the next call. */
    public Outcome apply(final byte[] entry)
    {
        buffer.putBytes(0, entry);
        header.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).sequence(++sequence).timestamp(nowNanos).epoch(1);
        core.onEntry(buffer, 0, entry.length, outcome);
        return outcome;
    }

    /** The stamped bytes of the last entry applied (what the journal would hold). */
    public byte[] lastStamped(final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    public long lastSequence()
    {
        return sequence;
    }

    /** A new core restored from a snapshot of this driver's core, driven from this driver's time. */
    public CoreDriver restoredCopy()
    {
        final SnapshotWriter writer = new SnapshotWriter(1 << 16);
        core.writeSnapshot(writer);
        final SwitchCore restored = new SwitchCore(core.context());
        restored.readSnapshot(new SnapshotReader(writer.buffer(), 0, writer.position()));
        return new CoreDriver(restored).at(nowNanos);
    }
}
