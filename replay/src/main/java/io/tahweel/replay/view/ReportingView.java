package io.tahweel.replay.view;

import io.tahweel.engine.core.Outcome;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.TreeMap;

/**
 * Reporting: volumes, values, approval rate and response-code mix of card authorization requests
 * (Authorize entries; retransmissions answered from the record are not new requests and are not
 * counted), by acquirer, issuer, merchant, channel and UTC hour of journal time, per currency.
 * Issuer 0 means no issuer was routed to (e.g. NO_ROUTE).
 */
public final class ReportingView implements ViewBuilder
{
    public static final String CSV_HEADER =
        "dimension,key,currency,requests,approved,approval_rate,requested_amount,approved_amount,responses\n";
    private static final String[] DIMENSIONS = {"acquirer", "issuer", "merchant", "channel", "hour"};
    private static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    private static final int RESULTS = 256;

    private final ReportFormat format;
    private final Appendable out;
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final AuthorizeDecoder authorize = new AuthorizeDecoder();
    private final TreeMap<Key, Stats> stats = new TreeMap<>();

    /** Dimension, then numeric key, then text key, then currency. */
    private record Key(int dimension, long number, String text, int currency) implements Comparable<Key>
    {
        @Override
        public int compareTo(final Key o)
        {
            int c = Integer.compare(dimension, o.dimension);
            c = c != 0 ? c : Long.compare(number, o.number);
            c = c != 0 ? c : text.compareTo(o.text);
            return c != 0 ? c : Integer.compare(currency, o.currency);
        }

        String label()
        {
            if (dimension == 4)
            {
                return ReportText.instant(number * NANOS_PER_HOUR);
            }
            return text.isEmpty() ? Long.toString(number) : text;
        }
    }

    private static final class Stats
    {
        long requests;
        long approved;
        long requestedAmount;
        long approvedAmount;
        final long[] results = new long[RESULTS];
    }

    public ReportingView(final ReportFormat format, final Appendable out)
    {
        this.format = format;
        this.out = out;
    }

    @Override
    public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
        if (outcome.type() != Outcome.AUTHORIZATION || outcome.repeat() ||
            (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) != AuthorizeDecoder.TEMPLATE_ID)
        {
            return;
        }
        messageHeader.wrap(buffer, offset);
        entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        authorize.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, messageHeader.blockLength(),
            messageHeader.version());
        final int currency = authorize.currency();
        final long amount = authorize.amount();
        count(new Key(0, authorize.acquirerId(), "", currency), outcome, amount);
        count(new Key(1, outcome.issuerId(), "", currency), outcome, amount);
        count(new Key(2, 0, ReportText.trimmed(authorize.merchantId()), currency), outcome, amount);
        count(new Key(3, 0, authorize.channel().name(), currency), outcome, amount);
        count(new Key(4, Math.floorDiv(entryHeader.timestamp(), NANOS_PER_HOUR), "", currency), outcome, amount);
    }

    private void count(final Key key, final Outcome outcome, final long amount)
    {
        final Stats s = stats.computeIfAbsent(key, k -> new Stats());
        s.requests++;
        s.requestedAmount += amount;
        s.results[outcome.result() & (RESULTS - 1)]++;
        if (outcome.result() == AuthorizationResult.APPROVED.value())
        {
            s.approved++;
            s.approvedAmount += outcome.amount();
        }
    }

    @Override
    public String summary()
    {
        long requests = 0;
        long approved = 0;
        for (final java.util.Map.Entry<Key, Stats> e : stats.entrySet())
        {
            if (e.getKey().dimension() == 0)
            {
                requests += e.getValue().requests;
                approved += e.getValue().approved;
            }
        }
        return String.format("authorization requests: %,d, approved %,d (%s%%)%n", requests, approved,
            ReportText.percent(approved, requests));
    }

    @Override
    public void finish()
    {
        final StringBuilder text = new StringBuilder(4096);
        text.append(format == ReportFormat.CSV ? CSV_HEADER : "{\"view\":\"reporting\",\"rows\":[");
        boolean first = true;
        for (final java.util.Map.Entry<Key, Stats> e : stats.entrySet())
        {
            final Key key = e.getKey();
            final Stats s = e.getValue();
            final String rate = ReportText.percent(s.approved, s.requests);
            if (format == ReportFormat.CSV)
            {
                text.append(DIMENSIONS[key.dimension()]).append(',');
                ReportText.csv(text, key.label()).append(',').append(key.currency()).append(',').append(s.requests)
                    .append(',').append(s.approved).append(',').append(rate).append(',').append(s.requestedAmount)
                    .append(',').append(s.approvedAmount).append(',');
                ReportText.csv(text, responses(s, "=", ";")).append('\n');
            }
            else
            {
                text.append(first ? "\n" : ",\n").append("{\"dimension\":\"").append(DIMENSIONS[key.dimension()])
                    .append("\",\"key\":");
                ReportText.json(text, key.label()).append(",\"currency\":").append(key.currency())
                    .append(",\"requests\":").append(s.requests).append(",\"approved\":").append(s.approved)
                    .append(",\"approvalRate\":\"").append(rate).append("\",\"requestedAmount\":")
                    .append(s.requestedAmount).append(",\"approvedAmount\":").append(s.approvedAmount)
                    .append(",\"responses\":{").append(jsonResponses(s)).append("}}");
            }
            first = false;
        }
        if (format == ReportFormat.JSON)
        {
            text.append(stats.isEmpty() ? "" : "\n").append("]}\n");
        }
        ReportText.flush(text, out);
    }

    /** Response mix in code order, e.g. {@code APPROVED=95;CARD_BLOCKED=2}. */
    private static String responses(final Stats s, final String separator, final String delimiter)
    {
        final StringBuilder mix = new StringBuilder();
        for (int result = 0; result < RESULTS; result++)
        {
            if (s.results[result] > 0)
            {
                if (mix.length() > 0)
                {
                    mix.append(delimiter);
                }
                mix.append(name(result)).append(separator).append(s.results[result]);
            }
        }
        return mix.toString();
    }

    private static String jsonResponses(final Stats s)
    {
        final String mix = responses(s, "\":", ",\"");
        return mix.isEmpty() ? "" : "\"" + mix;
    }

    /** The result's name; a code newer than this build is shown by number rather than failing the report. */
    static String name(final int result)
    {
        try
        {
            return AuthorizationResult.get(result).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "RESULT_" + result;
        }
    }
}
