package io.tahweel.replay.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The few text primitives every report needs, written by hand so output is exactly the same
 * bytes wherever it is produced: CSV fields quoted only when they must be (RFC 4180), JSON
 * strings escaped, instants in ISO-8601 UTC, percentages from exact integer arithmetic.
 */
public final class ReportText
{
    private ReportText()
    {
    }

    /** Appends {@code value} as one CSV field. */
    public static StringBuilder csv(final StringBuilder out, final String value)
    {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++)
        {
            final char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote)
        {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"')
            {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /** Appends {@code value} as a JSON string literal. */
    public static StringBuilder json(final StringBuilder out, final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }

    /** Journal time as ISO-8601 UTC with nanoseconds as needed, e.g. {@code 2026-11-25T12:00:00.000123Z}. */
    public static String instant(final long epochNanos)
    {
        return Instant.ofEpochSecond(0, epochNanos).toString();
    }

    /** {@code part / whole} as a percentage with two decimals, rounded down, exactly; "0.00" when whole is 0. */
    public static String percent(final long part, final long whole)
    {
        if (whole == 0)
        {
            return "0.00";
        }
        final long hundredths = part * 10_000 / whole;
        final long fraction = hundredths % 100;
        return (hundredths / 100) + "." + (fraction < 10 ? "0" : "") + fraction;
    }

    /** Writes and clears {@code text}; report sinks are Appendables, failures are unchecked. */
    public static void flush(final StringBuilder text, final Appendable out)
    {
        try
        {
            out.append(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        text.setLength(0);
    }

    /** An SBE fixed-length char field without its NUL padding and trailing spaces. */
    public static String trimmed(final String value)
    {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == 0 || value.charAt(end - 1) == ' '))
        {
            end--;
        }
        return value.substring(0, end);
    }
}
