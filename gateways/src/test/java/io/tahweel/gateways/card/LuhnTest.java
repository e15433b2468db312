package io.tahweel.gateways.card;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuhnTest
{
    @Test
    void acceptsWellKnownTestNumbers()
    {
        assertTrue(Luhn.isValid("4111111111111111"));
        assertTrue(Luhn.isValid("5555555555554444"));
        assertTrue(Luhn.isValid("378282246310005"));
        assertTrue(Luhn.isValid("4000001234567899"));
        assertTrue(Luhn.isValid("79927398713"));
    }

    @Test
    void rejectsWrongCheckDigitAndNonDigits()
    {
        assertFalse(Luhn.isValid("4111111111111112"));
        assertFalse(Luhn.isValid("4000001234567898"));
        assertFalse(Luhn.isValid("4111 1111 1111 1111"));
        assertFalse(Luhn.isValid("0"));
        assertFalse(Luhn.isValid(""));
    }

    @Test
    void checkDigitCompletesAValidNumber()
    {
        assertEquals(9, Luhn.checkDigit("400000123456789"));
        assertEquals(3, Luhn.checkDigit("7992739871"));
        for (int i = 0; i < 1000; i++)
        {
            final String payload = "400000" + String.format("%09d", i * 7919L);
            assertTrue(Luhn.isValid(payload + Luhn.checkDigit(payload)), payload);
        }
    }
}
