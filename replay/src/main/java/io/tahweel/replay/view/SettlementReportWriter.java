package io.tahweel.replay.view;

/**
 * Writes settlement windows as CSV rows or JSON objects. One row per participant and currency,
 * then one {@code SWITCH_FEES} row per currency carrying the fees collected, so the {@code net}
 * column of every window sums to zero per currency.
 */
public final class SettlementReportWriter
{
    public static final String CSV_HEADER = "window,status,opened_at_sequence,closed_at_sequence,closed_at,closed_by," +
        "currency,posted,participant,transactions,debits,credits,fees_paid,fees_received,net\n";
    public static final String SWITCH_FEES = "SWITCH_FEES";

    private SettlementReportWriter()
    {
    }

    public static void csv(final WindowPositions window, final StringBuilder out)
    {
        for (final int currency : window.currencies())
        {
            for (final WindowPositions.Position p : window.positions())
            {
                if (p.currency() == currency)
                {
                    csvRow(window, currency, Integer.toString(p.participant()), p.transactions(), p.debits(), p.credits(),
                        p.feesPaid(), p.feesReceived(), p.net(), out);
                }
            }
            final long fees = window.feesCollected(currency);
            csvRow(window, currency, SWITCH_FEES, 0, 0, 0, 0, fees, fees, out);
        }
    }

    private static void csvRow(final WindowPositions window, final int currency, final String participant,
        final long transactions, final long debits, final long credits, final long feesPaid, final long feesReceived,
        final long net, final StringBuilder out)
    {
        out.append(window.windowId()).append(',').append(status(window)).append(',')
            .append(window.openedAtSequence()).append(',');
        if (window.isClosed())
        {
            out.append(window.closedAtSequence()).append(',').append(ReportText.instant(window.closedAtTimestamp()))
                .append(',').append(closedBy(window));
        }
        else
        {
            out.append(",,");
        }
        out.append(',').append(currency).append(',').append(window.isPosted(currency)).append(',');
        ReportText.csv(out, participant).append(',').append(transactions).append(',').append(debits).append(',')
            .append(credits).append(',').append(feesPaid).append(',').append(feesReceived).append(',').append(net)
            .append('\n');
    }

    /** One window as a JSON object (no trailing newline). */
    public static void json(final WindowPositions window, final StringBuilder out)
    {
        out.append("{\"window\":").append(window.windowId())
            .append(",\"status\":\"").append(status(window)).append('"')
            .append(",\"openedAtSequence\":").append(window.openedAtSequence());
        if (window.isClosed())
        {
            out.append(",\"closedAtSequence\":").append(window.closedAtSequence())
                .append(",\"closedAt\":\"").append(ReportText.instant(window.closedAtTimestamp())).append('"')
                .append(",\"closedBy\":\"").append(closedBy(window)).append('"');
        }
        out.append(",\"currencies\":[");
        boolean firstCurrency = true;
        for (final int currency : window.currencies())
        {
            out.append(firstCurrency ? "" : ",").append("\n  {\"currency\":").append(currency)
                .append(",\"posted\":").append(window.isPosted(currency))
                .append(",\"feesCollected\":").append(window.feesCollected(currency))
                .append(",\"positions\":[");
            firstCurrency = false;
            boolean first = true;
            for (final WindowPositions.Position p : window.positions())
            {
                if (p.currency() != currency)
                {
                    continue;
                }
                out.append(first ? "" : ",").append("\n    {\"participant\":").append(p.participant())
                    .append(",\"transactions\":").append(p.transactions())
                    .append(",\"debits\":").append(p.debits())
                    .append(",\"credits\":").append(p.credits())
                    .append(",\"feesPaid\":").append(p.feesPaid())
                    .append(",\"feesReceived\":").append(p.feesReceived())
                    .append(",\"net\":").append(p.net()).append('}');
                first = false;
            }
            out.append("]}");
        }
        out.append("]}");
    }

    static String status(final WindowPositions window)
    {
        return window.isClosed() ? "closed" : "open";
    }

    static String closedBy(final WindowPositions window)
    {
        return window.closedBy() == WindowTracker.CLOSED_BY_SCHEDULE ? "schedule" : "operator";
    }
}
