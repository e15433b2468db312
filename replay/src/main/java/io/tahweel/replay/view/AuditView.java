package io.tahweel.replay.view;

import io.tahweel.engine.core.EntryTypes;
import io.tahweel.engine.core.Outcome;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.Source;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Audit: every configuration and admin command in the range, in journal order, with its journal
 * time and sequence, where it came from (bootstrap, admin interface), the operator identity it
 * carries, what it changed, and whether the core applied it (its AdminResult; anything but OK
 * changed nothing). Streamed: nothing is kept in memory.
 */
public final class AuditView implements ViewBuilder
{
    public static final String CSV_HEADER = "sequence,time,source,operator,command,change,result\n";

    private final ReportFormat format;
    private final Appendable out;
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final AdminDescriptions descriptions = new AdminDescriptions();
    private final StringBuilder text = new StringBuilder(4096);
    private boolean started;
    private long records;

    public AuditView(final ReportFormat format, final Appendable out)
    {
        this.format = format;
        this.out = out;
    }

    @Override
    public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        start();
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (!EntryTypes.isAdmin(templateId) && outcome.type() != Outcome.ADMIN)
        {
            return;
        }
        entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        final String[] command = descriptions.describe(buffer, offset);
        final String operator = descriptions.operator(buffer, offset, length);
        final String source = source(entryHeader.sourceRaw());
        final String result = outcome.type() == Outcome.ADMIN ? adminResult(outcome.result()) : "";
        final String time = ReportText.instant(entryHeader.timestamp());
        if (format == ReportFormat.CSV)
        {
            text.append(entryHeader.sequence()).append(',').append(time).append(',').append(source).append(',');
            ReportText.csv(text, operator).append(',').append(command[0]).append(',');
            ReportText.csv(text, command[1]).append(',').append(result).append('\n');
        }
        else
        {
            text.append(records == 0 ? "\n" : ",\n").append("{\"sequence\":").append(entryHeader.sequence())
                .append(",\"time\":\"").append(time).append("\",\"source\":\"").append(source)
                .append("\",\"operator\":");
            ReportText.json(text, operator).append(",\"command\":\"").append(command[0]).append("\",\"change\":");
            ReportText.json(text, command[1]).append(",\"result\":\"").append(result).append("\"}");
        }
        records++;
        if (text.length() > 32 * 1024)
        {
            ReportText.flush(text, out);
        }
    }

    private void start()
    {
        if (!started)
        {
            started = true;
            text.append(format == ReportFormat.CSV ? CSV_HEADER : "{\"view\":\"audit\",\"entries\":[");
        }
    }

    public long records()
    {
        return records;
    }

    @Override
    public String summary()
    {
        return String.format("admin entries: %,d%n", records);
    }

    @Override
    public void finish()
    {
        start();
        if (format == ReportFormat.JSON)
        {
            text.append(records == 0 ? "" : "\n").append("]}\n");
        }
        ReportText.flush(text, out);
    }

    private static String source(final int raw)
    {
        for (final Source source : Source.values())
        {
            if (source.value() == raw)
            {
                return source.name();
            }
        }
        return "SOURCE_" + raw;
    }

    private static String adminResult(final int result)
    {
        try
        {
            return AdminResult.get(result).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "RESULT_" + result;
        }
    }
}
