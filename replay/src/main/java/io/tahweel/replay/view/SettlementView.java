package io.tahweel.replay.view;

import io.tahweel.engine.core.Outcome;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.ConfigureSettlementDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Settlement per window: the positions each participant holds in each currency when the window
 * is cut off, which is what the core posts to the ledger at that entry. Windows are split at the
 * cut-off entry itself (an operator {@code CloseSettlementWindow} or the timer tick of the daily
 * schedule, followed by {@link WindowTracker}); what clears after it is in the next window.
 * <p>
 * Reports every window that was open during an entry of the range, with its positions as of the
 * end of the range (complete from the window's opening, even if the range starts later: entries
 * before the range are context). A window still open at the end is reported as {@code open}.
 */
public final class SettlementView implements ViewBuilder
{
    private final ReportFormat format;
    private final Appendable out;
    private final WindowTracker tracker = new WindowTracker();
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final ConfigureSettlementDecoder configure = new ConfigureSettlementDecoder();
    private final boolean[] configured = new boolean[1 << 16];
    private final List<WindowPositions> windows = new ArrayList<>();
    private final int retainClosed;
    private Consumer<WindowPositions> closedListener = w -> {};
    private WindowPositions current = new WindowPositions(0, 0);
    private boolean currentInRange;

    /** A report of every window in range, written by {@link #finish()}. */
    public SettlementView(final ReportFormat format, final Appendable out)
    {
        this(format, out, Integer.MAX_VALUE);
    }

    /**
     * @param retainClosed how many closed windows to keep for the final report (a live view on a
     *                     long-running node keeps only the latest; a replay keeps them all).
     */
    public SettlementView(final ReportFormat format, final Appendable out, final int retainClosed)
    {
        this.format = format;
        this.out = out;
        this.retainClosed = retainClosed;
    }

    /** Called (on the feeding thread) with each window as it is cut off, positions final. */
    public SettlementView onWindowClosed(final Consumer<WindowPositions> listener)
    {
        this.closedListener = this.closedListener.andThen(listener);
        return this;
    }

    @Override
    public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        apply(buffer, offset, length, outcome, true);
    }

    @Override
    public void onEarlierEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        apply(buffer, offset, length, outcome, false);
    }

    private void apply(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome,
        final boolean inRange)
    {
        if (outcome.type() == Outcome.AUTHORIZATION)
        {
            final long cleared = outcome.clearedAmount();
            if (cleared > 0)
            {
                current.purchase(outcome.issuerId(), outcome.acquirerId(), outcome.currency(), cleared,
                    outcome.interchange(), outcome.acquirerFee(), outcome.issuerFee());
            }
            else if (cleared < 0)
            {
                current.refund(outcome.issuerId(), outcome.acquirerId(), outcome.currency(), -cleared);
            }
        }
        else if (outcome.type() == Outcome.ADMIN && templateId(buffer, offset) == ConfigureSettlementDecoder.TEMPLATE_ID &&
            outcome.result() == AdminResult.OK.value())
        {
            messageHeader.wrap(buffer, offset);
            configure.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
                messageHeader.version());
            configured[configure.currency()] = true;
        }
        currentInRange |= inRange;
        final long before = tracker.openWindowId();
        final long closed = tracker.onEntry(buffer, offset, length, outcome);
        if (closed != 0)
        {
            entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
            markPosted(current);
            current.close(entryHeader.sequence(), entryHeader.timestamp(), tracker.closedBy());
            closedListener.accept(current);
            keep(current);
            current = new WindowPositions(tracker.openWindowId(), tracker.openedAtSequence());
            currentInRange = false;
        }
        else if (before != tracker.openWindowId())
        {
            current.renumber(tracker.openWindowId(), tracker.openedAtSequence());
        }
    }

    private void keep(final WindowPositions window)
    {
        if (!currentInRange)
        {
            return;
        }
        windows.add(window);
        if (windows.size() > retainClosed)
        {
            windows.remove(0);
        }
    }

    private void markPosted(final WindowPositions window)
    {
        for (final int currency : window.currencies())
        {
            window.posted(currency, configured[currency]);
        }
    }

    /** The window open now (positions so far); for status displays. */
    public WindowPositions openWindow()
    {
        markPosted(current);
        return current;
    }

    /** Windows reported so far, oldest first, the open one excluded. */
    public List<WindowPositions> closedWindows()
    {
        return windows;
    }

    public long openWindowId()
    {
        return tracker.openWindowId();
    }

    @Override
    public String summary()
    {
        final StringBuilder text = new StringBuilder();
        final List<WindowPositions> report = new ArrayList<>(windows);
        if (currentInRange && (current.windowId() != 0 || !current.isEmpty()))
        {
            report.add(current);
        }
        text.append("settlement windows: ").append(report.size()).append('\n');
        for (final WindowPositions window : report)
        {
            text.append("  window ").append(window.windowId()).append(' ').append(SettlementReportWriter.status(window));
            if (window.isClosed())
            {
                text.append(" at sequence ").append(window.closedAtSequence()).append(" by ")
                    .append(SettlementReportWriter.closedBy(window));
            }
            text.append('\n');
            for (final int currency : window.currencies())
            {
                text.append("    currency ").append(currency).append(':');
                window.nets(currency).forEach((participant, net) ->
                    text.append(" participant ").append(participant).append(String.format(" net %,d;", net)));
                text.append(String.format(" switch fees %,d%n", window.feesCollected(currency)));
            }
        }
        return text.toString();
    }

    @Override
    public void finish()
    {
        final List<WindowPositions> report = new ArrayList<>(windows);
        if (currentInRange && (current.windowId() != 0 || !current.isEmpty()))
        {
            markPosted(current);
            report.add(current);
        }
        final StringBuilder text = new StringBuilder(4096);
        if (format == ReportFormat.CSV)
        {
            text.append(SettlementReportWriter.CSV_HEADER);
            for (final WindowPositions window : report)
            {
                SettlementReportWriter.csv(window, text);
            }
        }
        else
        {
            text.append("{\"view\":\"settlement\",\"windows\":[");
            for (int i = 0; i < report.size(); i++)
            {
                text.append(i == 0 ? "\n" : ",\n");
                SettlementReportWriter.json(report.get(i), text);
            }
            text.append("\n]}\n");
        }
        ReportText.flush(text, out);
    }

    private static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
