package io.tahweel.gateways.admin;

import io.tahweel.gateways.card.PanMasker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a bootstrap file split into its type and {@code key=value} pairs, with typed,
 * checked access to the values. Syntax only: whether an id exists or a route overlaps is the
 * core's decision.
 * <pre>
 *   line    = [record *(space pair)] [space] ["#" comment]
 *   pair    = key "=" (bare | '"' quoted '"')
 *   key     = 1*(a-z / 0-9 / "-")
 *   bare    = 1*(printable ASCII except space, '"' and '#')
 *   quoted  = 1*(printable ASCII except '"')        ; may hold spaces and '#'
 *   space   = 1*(SP / HTAB)
 * </pre>
 */
final class BootstrapLine
{
    /** Longest line accepted, in characters, comments included. */
    static final int MAX_LINE_LENGTH = 1024;
    /** Longest value echoed in an error message. */
    static final int MAX_ECHO_LENGTH = 24;
    /** Largest value of an unsigned 32-bit field. */
    static final long UINT32_MAX = 0xFFFF_FFFFL;

    /** A reason the line is rejected; cheap, without a stack trace. */
    static final class Problem extends Exception
    {
        private static final long serialVersionUID = 1L;

        Problem(final String reason)
        {
            super(reason, null, false, false);
        }
    }

    private final String record;
    private final Map<String, String> pairs;

    private BootstrapLine(final String record, final Map<String, String> pairs)
    {
        this.record = record;
        this.pairs = pairs;
    }

    /**
     * @return the record on {@code text}, or null when the line is blank or only a comment.
     */
    static BootstrapLine parse(final String text) throws Problem
    {
        final Map<String, String> pairs = new LinkedHashMap<>();
        String record = null;
        final int length = text.length();
        int i = 0;
        while (true)
        {
            while (i < length && isSpace(text.charAt(i)))
            {
                i++;
            }
            if (i == length || text.charAt(i) == '#')
            {
                break;
            }
            checkPrintable(text, i);
            if (record == null)
            {
                final int end = bareEnd(text, i);
                record = text.substring(i, end);
                if (!isKeyWord(record))
                {
                    throw new Problem("expected a record type such as 'participant', got '" + echo(record) + "'");
                }
                i = end;
            }
            else
            {
                i = pair(text, i, pairs);
            }
        }
        return record == null ? null : new BootstrapLine(record, pairs);
    }

    String record()
    {
        return record;
    }

    /** Rejects keys the record type does not define. */
    void allowOnly(final String... allowed) throws Problem
    {
        for (final String key : pairs.keySet())
        {
            boolean known = false;
            for (final String candidate : allowed)
            {
                known |= candidate.equals(key);
            }
            if (!known)
            {
                throw new Problem("unknown key '" + echo(key) + "' for " + record +
                    " (expected: " + String.join(", ", allowed) + ")");
            }
        }
    }

    boolean has(final String key)
    {
        return pairs.containsKey(key);
    }

    String required(final String key) throws Problem
    {
        final String value = pairs.get(key);
        if (value == null)
        {
            throw new Problem("missing key '" + key + "' for " + record);
        }
        return value;
    }

    /** A whole number in {@code [min, max]}. */
    long number(final String key, final long min, final long max) throws Problem
    {
        final String value = required(key);
        final long number = parseNumber(key, value);
        if (number < min || number > max)
        {
            throw new Problem(key + ": " + echo(value) + " is out of range " + min + ".." + max);
        }
        return number;
    }

    /** Money in minor units: a whole number, not negative; {@code defaultValue} when absent. */
    long amount(final String key, final long defaultValue) throws Problem
    {
        return has(key) ? amount(key) : defaultValue;
    }

    /** Money in minor units: a whole number, not negative; required. */
    long amount(final String key) throws Problem
    {
        final String value = required(key);
        final long number = parseNumber(key, value);
        if (number < 0)
        {
            throw new Problem(key + ": negative amount " + echo(value));
        }
        return number;
    }

    /** A duration such as {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}, in seconds. */
    long durationSeconds(final String key, final long defaultSeconds, final long maxSeconds) throws Problem
    {
        if (!has(key))
        {
            return defaultSeconds;
        }
        final String value = required(key);
        final int last = value.length() - 1;
        final long unit = last < 1 ? 0 : unitSeconds(value.charAt(last));
        if (unit == 0 || last > 9 || !allDigits(value, 0, last))
        {
            throw new Problem(key + ": bad duration '" + echo(value) + "' (expected digits and a unit s, m, h or d, e.g. 30s, 15m, 7d)");
        }
        final long seconds = Long.parseLong(value.substring(0, last)) * unit;
        if (seconds > maxSeconds)
        {
            throw new Problem(key + ": duration " + echo(value) + " is longer than " + maxSeconds + "s");
        }
        return seconds;
    }

    /** One of {@code words}, or {@code defaultWord} when the key is absent (null: required). */
    String word(final String key, final String defaultWord, final String... words) throws Problem
    {
        if (defaultWord != null && !has(key))
        {
            return defaultWord;
        }
        final String value = required(key);
        for (final String word : words)
        {
            if (word.equals(value))
            {
                return word;
            }
        }
        throw new Problem(key + ": unknown value '" + echo(value) + "' (expected one of: " + String.join(", ", words) + ")");
    }

    /** A value for display or an error message: long digit runs masked, long values cut. */
    static String echo(final String value)
    {
        final String masked = PanMasker.maskDigitRuns(value);
        return masked.length() <= MAX_ECHO_LENGTH ? masked : masked.substring(0, MAX_ECHO_LENGTH) + "...";
    }

    static boolean allDigits(final String value, final int from, final int to)
    {
        if (from >= to)
        {
            return false;
        }
        for (int i = from; i < to; i++)
        {
            final char c = value.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static long parseNumber(final String key, final String value) throws Problem
    {
        final boolean negative = value.charAt(0) == '-';
        final int start = negative ? 1 : 0;
        if (!allDigits(value, start, value.length()))
        {
            throw new Problem(key + ": '" + echo(value) + "' is not a number");
        }
        if (value.length() - start > 19)
        {
            throw new Problem(key + ": " + echo(value) + " is too large");
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new Problem(key + ": " + echo(value) + " is too large");
        }
    }

    private static long unitSeconds(final char unit)
    {
        switch (unit)
        {
            case 's': return 1;
            case 'm': return 60;
            case 'h': return 3_600;
            case 'd': return 86_400;
            default: return 0;
        }
    }

    /** Reads one {@code key=value} starting at {@code start}; returns the index after it. */
    private static int pair(final String text, final int start, final Map<String, String> pairs) throws Problem
    {
        final int length = text.length();
        int equals = start;
        while (equals < length && text.charAt(equals) != '=' && !isSpace(text.charAt(equals)))
        {
            equals++;
        }
        final String key = text.substring(start, equals);
        if (equals == length || text.charAt(equals) != '=')
        {
            throw new Problem("expected key=value, got '" + echo(key) + "'");
        }
        if (!isKeyWord(key))
        {
            throw new Problem("bad key '" + echo(key) + "' (lower-case letters, digits and '-')");
        }
        final int valueStart = equals + 1;
        final int end;
        final String value;
        if (valueStart < length && text.charAt(valueStart) == '"')
        {
            final int close = text.indexOf('"', valueStart + 1);
            if (close < 0)
            {
                throw new Problem(key + ": unterminated quoted value");
            }
            checkPrintableRange(text, valueStart + 1, close);
            value = text.substring(valueStart + 1, close);
            end = close + 1;
            if (end < length && !isSpace(text.charAt(end)))
            {
                throw new Problem(key + ": expected a space after the closing quote");
            }
        }
        else
        {
            end = bareEnd(text, valueStart);
            value = text.substring(valueStart, end);
            if (end < length && text.charAt(end) == '"')
            {
                throw new Problem(key + ": a quote may only enclose a whole value");
            }
        }
        if (value.isEmpty())
        {
            throw new Problem(key + ": empty value");
        }
        if (pairs.putIfAbsent(key, value) != null)
        {
            throw new Problem("duplicate key '" + key + "'");
        }
        return end;
    }

    /** End of a bare word: the next space, quote, comment or end of line. */
    private static int bareEnd(final String text, final int start) throws Problem
    {
        int i = start;
        while (i < text.length())
        {
            final char c = text.charAt(i);
            if (isSpace(c) || c == '"' || c == '#')
            {
                break;
            }
            checkPrintable(text, i);
            i++;
        }
        return i;
    }

    private static void checkPrintableRange(final String text, final int from, final int to) throws Problem
    {
        for (int i = from; i < to; i++)
        {
            checkPrintable(text, i);
        }
    }

    private static void checkPrintable(final String text, final int index) throws Problem
    {
        final char c = text.charAt(index);
        if (c < 0x20 || c > 0x7E)
        {
            throw new Problem("unexpected character at column " + (index + 1) +
                " (only printable ASCII outside comments)");
        }
    }

    private static boolean isKeyWord(final String word)
    {
        if (word.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < word.length(); i++)
        {
            final char c = word.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(final char c)
    {
        return c == ' ' || c == '\t';
    }
}
