package io.tahweel.gateways.card;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PanMaskerTest
{
    @Test
    void showsFirstSixAndLastFour()
    {
        assertEquals("400000******1234", PanMasker.mask("4000000000001234"));
        assertEquals("400000**1234", PanMasker.mask("400000991234"));
        assertEquals("400000*********1234", PanMasker.mask("4000001234567891234"));
    }

    @Test
    void masksShortValuesWhole()
    {
        assertEquals("***********", PanMasker.mask("40000012345"));
        assertEquals("", PanMasker.mask(""));
    }

    @Test
    void maskedFromTokenizedParts()
    {
        assertEquals("400000******1234", PanMasker.masked(400000, 1234, 16));
        assertEquals("000123*********0007", PanMasker.masked(123, 7, 19));
        assertThrows(IllegalArgumentException.class, () -> PanMasker.masked(1_000_000, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> PanMasker.masked(400000, 1, 11));
    }

    @Test
    void masksEveryLongDigitRunInText()
    {
        assertEquals("pan=400000******7899 id=12345678901 x", PanMasker.maskDigitRuns("pan=4000001234567899 id=12345678901 x"));
        assertEquals("400000******7899,400000******3219",
            PanMasker.maskDigitRuns("4000001234567899,4000009876543219"));
    }
}
