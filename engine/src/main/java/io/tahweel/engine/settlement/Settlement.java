package io.tahweel.engine.settlement;

import io.tahweel.engine.core.TransferIds;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.participant.Participants;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.time.CivilTime;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.TransferResult;

/**
 * Settlement windows, the positions cleared in the open one, and the cut-off that settles them.
 * <p>
 * A cut-off (operator command or the daily schedule on a timer tick) posts every non-zero net
 * position as one ledger transfer between the participant's settlement account and the
 * currency's central account, posts the fees collected to the fee account, clears the
 * positions, and opens the next window, all in one journal entry: no cleared transaction falls
 * between windows. Currencies without a fee schedule are reported by the views but not posted.
 */
public final class Settlement
{
    /** Transfers one cut-off may post: ids derive from the entry's sequence (see TransferIds). */
    public static final int MAX_POSTINGS = TransferIds.MAX_PER_ENTRY;
    public static final int CODE_SETTLEMENT = 10;
    public static final int CODE_FEES = 11;
    private static final int SNAPSHOT_MARKER = 0x53455454; // "SETT"

    private final SettlementWindows windows;
    private final SettlementPositions positions;
    private final FeeSchedules fees;
    private final Participants participants;
    private final Ledger ledger;
    private boolean scheduleEnabled;
    private long cutoffSecondOfDay;
    private long lastTickTimestamp;

    public Settlement(final SettlementWindows windows, final SettlementPositions positions, final FeeSchedules fees,
        final Participants participants, final Ledger ledger)
    {
        this.windows = windows;
        this.positions = positions;
        this.fees = fees;
        this.participants = participants;
        this.ledger = ledger;
    }

    public SettlementWindows windows()
    {
        return windows;
    }

    public SettlementPositions positions()
    {
        return positions;
    }

    public FeeSchedules fees()
    {
        return fees;
    }

    /** The window cleared transactions fall in now: the open one, or 0 before the first is opened. */
    public long currentWindowId()
    {
        return windows.openWindowId();
    }

    public void schedule(final boolean enabled, final long cutoffSecondOfDay)
    {
        this.scheduleEnabled = enabled;
        this.cutoffSecondOfDay = cutoffSecondOfDay;
    }

    /** Operator cut-off: closes {@code windowId} if it is the open window. */
    public AdminResult close(final long windowId, final long sequence)
    {
        return close(windowId, sequence, 2);
    }

    /**
     * Closes {@code windowId}. A cut-off journaled by schema version 1 only closed the window (no
     * postings, no next window), and replaying it must do the same.
     */
    public AdminResult close(final long windowId, final long sequence, final int entryVersion)
    {
        if (windows.openWindowId() == 0 || windowId != windows.openWindowId())
        {
            return AdminResult.WINDOW_NOT_OPEN;
        }
        if (entryVersion < 2)
        {
            windows.close();
            return AdminResult.OK;
        }
        final int postings = postingsNeeded();
        if (postings > MAX_POSTINGS || !ledger.hasRoomFor(postings))
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        post(sequence);
        positions.clear();
        windows.close();
        windows.open(windowId + 1, sequence);
        return AdminResult.OK;
    }

    /** Runs the daily cut-off when journal time crosses it; returns true if a window was closed. */
    public boolean onTick(final long timestamp, final long sequence)
    {
        final long previous = lastTickTimestamp;
        lastTickTimestamp = Math.max(lastTickTimestamp, timestamp);
        if (!scheduleEnabled || windows.openWindowId() == 0 || previous == 0)
        {
            return false;
        }
        final long cutoff = CivilTime.epochDay(timestamp) * CivilTime.NANOS_PER_DAY +
            cutoffSecondOfDay * CivilTime.NANOS_PER_SECOND;
        final long previousCutoff = cutoff - CivilTime.NANOS_PER_DAY;
        final boolean crossed = (previous < cutoff && cutoff <= timestamp) ||
            (previous < previousCutoff && previousCutoff <= timestamp);
        return crossed && close(windows.openWindowId(), sequence) == AdminResult.OK;
    }

    private int postingsNeeded()
    {
        int postings = 0;
        for (int i = 0; i < positions.size(); i++)
        {
            if (fees.isConfigured(positions.currencyAt(i)) && positions.netAt(i) != 0)
            {
                postings++;
            }
        }
        for (int i = 0; i < positions.size(); i++)
        {
            final int currency = positions.currencyAt(i);
            if (fees.isConfigured(currency) && positions.feesCollected(currency) != 0 && isFirstOfCurrency(i))
            {
                postings++;
            }
        }
        return postings;
    }

    private void post(final long sequence)
    {
        int k = 0;
        for (int i = 0; i < positions.size(); i++)
        {
            final int currency = positions.currencyAt(i);
            final long net = positions.netAt(i);
            if (!fees.isConfigured(currency) || net == 0)
            {
                continue;
            }
            final long participantAccount = participants.settlementAccount(positions.participantAt(i), currency);
            final long central = fees.centralAccount(currency);
            final long id = TransferIds.derived(sequence, k++);
            transfer(id, net > 0 ? central : participantAccount, net > 0 ? participantAccount : central,
                Math.abs(net), currency, CODE_SETTLEMENT, sequence);
        }
        for (int i = 0; i < positions.size(); i++)
        {
            final int currency = positions.currencyAt(i);
            final long collected = positions.feesCollected(currency);
            if (fees.isConfigured(currency) && collected != 0 && isFirstOfCurrency(i))
            {
                transfer(TransferIds.derived(sequence, k++), fees.centralAccount(currency), fees.feeAccount(currency),
                    collected, currency, CODE_FEES, sequence);
            }
        }
    }

    private void transfer(final long id, final long debit, final long credit, final long amount, final int currency,
        final int code, final long sequence)
    {
        final TransferResult result = ledger.createTransfer(id, debit, credit, amount, currency, 0, 0, 0, code, 0);
        if (result != TransferResult.OK)
        {
            // Settlement and central accounts carry no balance constraints and room was checked: only a bug gets here.
            throw new IllegalStateException("settlement posting failed at sequence " + sequence + ": " + result);
        }
    }

    private boolean isFirstOfCurrency(final int index)
    {
        final int currency = positions.currencyAt(index);
        for (int i = 0; i < index; i++)
        {
            if (positions.currencyAt(i) == currency)
            {
                return false;
            }
        }
        return true;
    }

    /** Most bytes {@link #writeSnapshot} writes, with its windows, fee schedules and positions. */
    public static long maxSnapshotLength(final int positionCapacity)
    {
        return Integer.BYTES + Byte.BYTES + 2 * Long.BYTES + SettlementWindows.maxSnapshotLength() +
            FeeSchedules.maxSnapshotLength() + SettlementPositions.maxSnapshotLength(positionCapacity);
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putByte((byte)(scheduleEnabled ? 1 : 0)).putLong(cutoffSecondOfDay)
            .putLong(lastTickTimestamp);
        windows.writeSnapshot(writer);
        fees.writeSnapshot(writer);
        positions.writeSnapshot(writer);
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        scheduleEnabled = reader.getByte() == 1;
        cutoffSecondOfDay = reader.getLong();
        lastTickTimestamp = reader.getLong();
        windows.readSnapshot(reader);
        fees.readSnapshot(reader);
        positions.readSnapshot(reader);
    }
}
