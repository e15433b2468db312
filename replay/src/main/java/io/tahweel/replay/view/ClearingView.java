package io.tahweel.replay.view;

import io.tahweel.engine.core.Outcome;
import io.tahweel.replay.dump.EntryFormatter;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CompleteAuthorizationDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.ReverseAuthorizationDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.TreeMap;

/**
 * Clearing: one record per card message that cleared (a single-message purchase, a completion, a
 * refund, which is a reversal after completion), with the acceptance details of its original
 * authorization, the fees, its settlement window and the links to the original, followed by
 * totals per (acquirer, issuer, currency). Records are streamed to the output as they clear, so
 * memory holds only the totals and the open authorizations.
 * <p>
 * Cards appear only masked (first 6, last 4), from the BIN and last 4 the journal holds.
 */
public final class ClearingView implements ViewBuilder
{
    public static final String CSV_HEADER = "row,sequence,time,kind,authorization_id,window,acquirer,issuer,merchant," +
        "terminal,card,channel,currency,amount,interchange,acquirer_fee,issuer_fee,response,count\n";
    private static final int FLUSH_AT = 64 * 1024;

    private final ReportFormat format;
    private final Appendable out;
    private final OpenAuthorizations open;
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final AuthorizeDecoder authorize = new AuthorizeDecoder();
    private final TreeMap<Key, long[]> totals = new TreeMap<>();
    private final StringBuilder text = new StringBuilder(FLUSH_AT + 1024);
    private boolean started;
    private long records;

    /** Totals key, ordered acquirer, issuer, currency. */
    private record Key(int acquirer, int issuer, int currency) implements Comparable<Key>
    {
        @Override
        public int compareTo(final Key o)
        {
            final int a = Integer.compare(acquirer, o.acquirer);
            if (a != 0)
            {
                return a;
            }
            final int i = Integer.compare(issuer, o.issuer);
            return i != 0 ? i : Integer.compare(currency, o.currency);
        }
    }

    public ClearingView(final ReportFormat format, final Appendable out)
    {
        this(format, out, OpenAuthorizations.DEFAULT_CAPACITY);
    }

    public ClearingView(final ReportFormat format, final Appendable out, final int openCapacity)
    {
        this.format = format;
        this.out = out;
        this.open = new OpenAuthorizations(openCapacity);
    }

    @Override
    public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        start();
        apply(buffer, offset, outcome, true);
    }

    @Override
    public void onEarlierEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        apply(buffer, offset, outcome, false);
    }

    private void apply(final DirectBuffer buffer, final int offset, final Outcome outcome, final boolean inRange)
    {
        if (outcome.type() != Outcome.AUTHORIZATION || outcome.repeat() ||
            outcome.result() != AuthorizationResult.APPROVED.value())
        {
            return;
        }
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        switch (templateId)
        {
            case AuthorizeDecoder.TEMPLATE_ID:
                messageHeader.wrap(buffer, offset);
                authorize.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
                    messageHeader.version());
                open.remember(outcome.authorizationId(), new OpenAuthorizations.Details(
                    ReportText.trimmed(authorize.merchantId()), ReportText.trimmed(authorize.terminalId()),
                    EntryFormatter.masked(authorize.bin(), authorize.last4(), authorize.panLength()),
                    authorize.channel().name()));
                if (inRange && outcome.clearedAmount() != 0)
                {
                    record(buffer, offset, "PURCHASE", outcome);
                }
                break;
            case CompleteAuthorizationDecoder.TEMPLATE_ID:
                if (inRange && outcome.clearedAmount() != 0)
                {
                    record(buffer, offset, "COMPLETION", outcome);
                }
                break;
            case ReverseAuthorizationDecoder.TEMPLATE_ID:
                if (inRange && outcome.clearedAmount() != 0)
                {
                    record(buffer, offset, "REFUND", outcome);
                }
                if (outcome.amount() == 0)
                {
                    open.forget(outcome.authorizationId());
                }
                break;
            default:
                break;
        }
    }

    private void record(final DirectBuffer buffer, final int offset, final String kind, final Outcome outcome)
    {
        entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        final OpenAuthorizations.Details details = open.find(outcome.authorizationId());
        final String merchant = details == null ? "" : details.merchantId();
        final String terminal = details == null ? "" : details.terminalId();
        final String card = details == null ? "" : details.maskedCard();
        final String channel = details == null ? "" : details.channel();
        final String response = ReportingView.name(outcome.result());
        final String time = ReportText.instant(entryHeader.timestamp());
        if (format == ReportFormat.CSV)
        {
            text.append("record,").append(entryHeader.sequence()).append(',').append(time).append(',').append(kind)
                .append(',').append(outcome.authorizationId()).append(',').append(outcome.windowId()).append(',')
                .append(outcome.acquirerId()).append(',').append(outcome.issuerId()).append(',');
            ReportText.csv(text, merchant).append(',');
            ReportText.csv(text, terminal).append(',').append(card).append(',').append(channel).append(',')
                .append(outcome.currency()).append(',').append(outcome.clearedAmount()).append(',')
                .append(outcome.interchange()).append(',').append(outcome.acquirerFee()).append(',')
                .append(outcome.issuerFee()).append(',').append(response).append(",1\n");
        }
        else
        {
            text.append(records == 0 ? "\n" : ",\n").append("{\"sequence\":").append(entryHeader.sequence())
                .append(",\"time\":\"").append(time).append("\",\"kind\":\"").append(kind)
                .append("\",\"authorizationId\":").append(outcome.authorizationId())
                .append(",\"window\":").append(outcome.windowId())
                .append(",\"acquirer\":").append(outcome.acquirerId())
                .append(",\"issuer\":").append(outcome.issuerId()).append(",\"merchant\":");
            ReportText.json(text, merchant).append(",\"terminal\":");
            ReportText.json(text, terminal).append(",\"card\":\"").append(card)
                .append("\",\"channel\":\"").append(channel)
                .append("\",\"currency\":").append(outcome.currency())
                .append(",\"amount\":").append(outcome.clearedAmount())
                .append(",\"interchange\":").append(outcome.interchange())
                .append(",\"acquirerFee\":").append(outcome.acquirerFee())
                .append(",\"issuerFee\":").append(outcome.issuerFee())
                .append(",\"response\":\"").append(response).append("\"}");
        }
        records++;
        final long[] total = totals.computeIfAbsent(
            new Key(outcome.acquirerId(), outcome.issuerId(), outcome.currency()), k -> new long[5]);
        total[0]++;
        total[1] += outcome.clearedAmount();
        total[2] += outcome.interchange();
        total[3] += outcome.acquirerFee();
        total[4] += outcome.issuerFee();
        if (text.length() >= FLUSH_AT)
        {
            ReportText.flush(text, out);
        }
    }

    private void start()
    {
        if (!started)
        {
            started = true;
            text.append(format == ReportFormat.CSV ? CSV_HEADER : "{\"view\":\"clearing\",\"records\":[");
        }
    }

    /** Records cleared in range so far. */
    public long records()
    {
        return records;
    }

    @Override
    public String summary()
    {
        final StringBuilder text = new StringBuilder().append("cleared records: ").append(records).append('\n');
        totals.forEach((key, t) -> text.append(String.format("  acquirer %d -> issuer %d, currency %d: %,d records, " +
            "amount %,d, interchange %,d, switch fees %,d%n", key.acquirer(), key.issuer(), key.currency(), t[0], t[1],
            t[2], t[3] + t[4])));
        return text.toString();
    }

    @Override
    public void finish()
    {
        start();
        if (format == ReportFormat.CSV)
        {
            totals.forEach((key, t) -> text.append("total,,,,,,").append(key.acquirer()).append(',')
                .append(key.issuer()).append(",,,,,").append(key.currency()).append(',').append(t[1]).append(',')
                .append(t[2]).append(',').append(t[3]).append(',').append(t[4]).append(",,").append(t[0]).append('\n'));
        }
        else
        {
            text.append(records == 0 ? "" : "\n").append("],\"totals\":[");
            final boolean[] first = {true};
            totals.forEach((key, t) ->
            {
                text.append(first[0] ? "\n" : ",\n").append("{\"acquirer\":").append(key.acquirer())
                    .append(",\"issuer\":").append(key.issuer()).append(",\"currency\":").append(key.currency())
                    .append(",\"count\":").append(t[0]).append(",\"amount\":").append(t[1])
                    .append(",\"interchange\":").append(t[2]).append(",\"acquirerFee\":").append(t[3])
                    .append(",\"issuerFee\":").append(t[4]).append('}');
                first[0] = false;
            });
            text.append(totals.isEmpty() ? "" : "\n").append("]}\n");
        }
        ReportText.flush(text, out);
    }
}
