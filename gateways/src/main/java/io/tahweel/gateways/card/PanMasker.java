package io.tahweel.gateways.card;

/**
 * Display forms of card numbers that PCI DSS 3.3 allows to be shown: at most the first six and
 * the last four digits. Anything that goes to a log, an error message or a report passes through
 * here first.
 */
public final class PanMasker
{
    /** Shown in front: the BIN. */
    public static final int SHOWN_FIRST = 6;
    /** Shown at the end. */
    public static final int SHOWN_LAST = 4;
    /**
     * Shortest PAN shown partly; anything shorter is masked whole, so that masking never reveals
     * most of a short number.
     */
    public static final int MIN_PARTLY_SHOWN_LENGTH = 12;
    /** Longest PAN per ISO/IEC 7812. */
    public static final int MAX_PAN_LENGTH = 19;

    private static final char MASK = '*';

    private PanMasker()
    {
    }

    /**
     * {@code 400000******1234}: first 6, one asterisk per hidden character, last 4. Values
     * shorter than 12 characters are masked whole.
     */
    public static String mask(final CharSequence pan)
    {
        final int length = pan.length();
        final StringBuilder out = new StringBuilder(length);
        appendMasked(out, pan, 0, length);
        return out.toString();
    }

    /**
     * The masked form of a card that is already tokenized, from the parts the journal keeps.
     *
     * @throws IllegalArgumentException if a part is out of range.
     */
    public static String masked(final int bin, final int last4, final int panLength)
    {
        if (bin < 0 || bin > 999_999 || last4 < 0 || last4 > 9_999 ||
            panLength < MIN_PARTLY_SHOWN_LENGTH || panLength > MAX_PAN_LENGTH)
        {
            throw new IllegalArgumentException("card parts out of range");
        }
        final StringBuilder out = new StringBuilder(panLength);
        appendZeroPadded(out, bin, SHOWN_FIRST);
        for (int i = SHOWN_FIRST + SHOWN_LAST; i < panLength; i++)
        {
            out.append(MASK);
        }
        appendZeroPadded(out, last4, SHOWN_LAST);
        return out.toString();
    }

    /**
     * Masks, as {@link #mask}, every run of {@value #MIN_PARTLY_SHOWN_LENGTH} or more consecutive
     * ASCII digits in free text: a last line of defence for messages that echo user input.
     */
    public static String maskDigitRuns(final CharSequence text)
    {
        final int length = text.length();
        final StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length)
        {
            int end = i;
            while (end < length && isDigit(text.charAt(end)))
            {
                end++;
            }
            if (end - i >= MIN_PARTLY_SHOWN_LENGTH)
            {
                appendMasked(out, text, i, end);
            }
            else
            {
                out.append(text, i, end);
            }
            if (end < length)
            {
                out.append(text.charAt(end));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static void appendMasked(final StringBuilder out, final CharSequence pan, final int start, final int end)
    {
        final int length = end - start;
        final boolean partly = length >= MIN_PARTLY_SHOWN_LENGTH;
        for (int i = 0; i < length; i++)
        {
            final boolean shown = partly && (i < SHOWN_FIRST || i >= length - SHOWN_LAST);
            out.append(shown ? pan.charAt(start + i) : MASK);
        }
    }

    private static void appendZeroPadded(final StringBuilder out, final int value, final int width)
    {
        int divisor = 1;
        for (int i = 1; i < width; i++)
        {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10)
        {
            out.append((char)('0' + (value / divisor) % 10));
        }
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
