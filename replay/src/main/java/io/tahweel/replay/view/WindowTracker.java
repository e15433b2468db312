package io.tahweel.replay.view;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.time.CivilTime;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.SetSettlementScheduleDecoder;
import io.tahweel.sbe.TimerTickDecoder;
import org.agrona.DirectBuffer;

/**
 * Follows the settlement window the core has open, from entries and outcomes alone, so a view
 * built live (which never sees the core's state) splits windows at the same entry as a replay.
 * <p>
 * Operator cut-offs are explicit ({@code CloseSettlementWindow} answered OK). A scheduled cut-off
 * is a timer tick whose outcome says nothing, so the daily schedule is followed here the way
 * {@code Settlement.onTick} applies it: the first tick at or past the cut-off time, never the
 * first tick ever seen. The replay engine checks this tracker against the core after every entry
 * and stops if they ever disagree (a tick cut-off the core refused for lack of ledger room would).
 */
public final class WindowTracker
{
    /** How a window was closed. */
    public static final int CLOSED_BY_OPERATOR = 1;
    public static final int CLOSED_BY_SCHEDULE = 2;

    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final OpenSettlementWindowDecoder openWindow = new OpenSettlementWindowDecoder();
    private final CloseSettlementWindowDecoder closeWindow = new CloseSettlementWindowDecoder();
    private final SetSettlementScheduleDecoder schedule = new SetSettlementScheduleDecoder();

    private long openWindowId;
    private long openedAtSequence;
    private boolean scheduleEnabled;
    private long cutoffSecondOfDay;
    private long lastTickTimestamp;
    private long closedWindowId;
    private int closedBy;

    /**
     * Applies one entry whose outcome the core has set.
     *
     * @return the id of the window this entry closed, or 0.
     */
    public long onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        closedWindowId = 0;
        closedBy = 0;
        final int templateId = buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        switch (templateId)
        {
            case TimerTickDecoder.TEMPLATE_ID:
                onTick(timestamp(buffer, offset), sequence(buffer, offset));
                break;
            case CloseSettlementWindowDecoder.TEMPLATE_ID:
                if (isOk(outcome))
                {
                    wrap(closeWindow, buffer, offset);
                    close(closeWindow.windowId(), sequence(buffer, offset), CLOSED_BY_OPERATOR);
                }
                break;
            case OpenSettlementWindowDecoder.TEMPLATE_ID:
                if (isOk(outcome))
                {
                    wrap(openWindow, buffer, offset);
                    openWindowId = openWindow.windowId();
                    openedAtSequence = sequence(buffer, offset);
                }
                break;
            case SetSettlementScheduleDecoder.TEMPLATE_ID:
                if (isOk(outcome))
                {
                    wrap(schedule, buffer, offset);
                    scheduleEnabled = schedule.enabled() == 1;
                    cutoffSecondOfDay = schedule.cutoffSecondOfDay();
                }
                break;
            default:
                break;
        }
        return closedWindowId;
    }

    private void onTick(final long timestamp, final long sequence)
    {
        final long previous = lastTickTimestamp;
        lastTickTimestamp = Math.max(lastTickTimestamp, timestamp);
        if (!scheduleEnabled || openWindowId == 0 || previous == 0)
        {
            return;
        }
        final long cutoff = CivilTime.epochDay(timestamp) * CivilTime.NANOS_PER_DAY +
            cutoffSecondOfDay * CivilTime.NANOS_PER_SECOND;
        final long previousCutoff = cutoff - CivilTime.NANOS_PER_DAY;
        if ((previous < cutoff && cutoff <= timestamp) || (previous < previousCutoff && previousCutoff <= timestamp))
        {
            close(openWindowId, sequence, CLOSED_BY_SCHEDULE);
        }
    }

    private void close(final long windowId, final long sequence, final int by)
    {
        closedWindowId = windowId;
        closedBy = by;
        openWindowId = windowId + 1;
        openedAtSequence = sequence;
    }

    /** The window open after the last entry applied; 0 when none is. */
    public long openWindowId()
    {
        return openWindowId;
    }

    /** Sequence of the entry that opened the current window. */
    public long openedAtSequence()
    {
        return openedAtSequence;
    }

    /** {@link #CLOSED_BY_OPERATOR} or {@link #CLOSED_BY_SCHEDULE} when the last entry closed a window, else 0. */
    public int closedBy()
    {
        return closedBy;
    }

    private static boolean isOk(final Outcome outcome)
    {
        return outcome.type() == Outcome.ADMIN && outcome.result() == AdminResult.OK.value();
    }

    private void wrap(final OpenSettlementWindowDecoder decoder, final DirectBuffer buffer, final int offset)
    {
        messageHeader.wrap(buffer, offset);
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
            messageHeader.version());
    }

    private void wrap(final CloseSettlementWindowDecoder decoder, final DirectBuffer buffer, final int offset)
    {
        messageHeader.wrap(buffer, offset);
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
            messageHeader.version());
    }

    private void wrap(final SetSettlementScheduleDecoder decoder, final DirectBuffer buffer, final int offset)
    {
        messageHeader.wrap(buffer, offset);
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
            messageHeader.version());
    }

    private long sequence(final DirectBuffer buffer, final int offset)
    {
        return entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH).sequence();
    }

    private long timestamp(final DirectBuffer buffer, final int offset)
    {
        return entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH).timestamp();
    }
}
