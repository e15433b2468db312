package io.tahweel.gateways.card;

/**
 * The ISO/IEC 7812-1 check digit (Luhn, mod 10) that ends every PAN. It catches typing errors in
 * card numbers entered by hand, such as those in the bootstrap file; it is not a security check.
 */
public final class Luhn
{
    private Luhn()
    {
    }

    /**
     * @return true when {@code number} is one or more ASCII digits, at least two, whose last digit
     * is the Luhn check digit of the others.
     */
    public static boolean isValid(final CharSequence number)
    {
        final int length = number.length();
        if (length < 2)
        {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = number.charAt(length - 1 - i) - '0';
            if (digit < 0 || digit > 9)
            {
                return false;
            }
            sum += (i & 1) == 0 ? digit : doubled(digit);
        }
        return sum % 10 == 0;
    }

    /**
     * The check digit to append to {@code payload} (all digits before it); for test data and
     * tools.
     *
     * @throws IllegalArgumentException if {@code payload} is empty or not all ASCII digits.
     */
    public static int checkDigit(final CharSequence payload)
    {
        final int length = payload.length();
        if (length == 0)
        {
            throw new IllegalArgumentException("empty payload");
        }
        int sum = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = payload.charAt(length - 1 - i) - '0';
            if (digit < 0 || digit > 9)
            {
                throw new IllegalArgumentException("not a digit at index " + (length - 1 - i));
            }
            sum += (i & 1) == 0 ? doubled(digit) : digit;
        }
        return (10 - sum % 10) % 10;
    }

    private static int doubled(final int digit)
    {
        final int d = digit * 2;
        return d > 9 ? d - 9 : d;
    }
}
