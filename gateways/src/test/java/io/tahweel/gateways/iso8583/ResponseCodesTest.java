package io.tahweel.gateways.iso8583;

import io.tahweel.sbe.AuthorizationResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseCodesTest
{
    @Test
    void everyAuthorizationResultHasAResponseCode()
    {
        for (final AuthorizationResult result : AuthorizationResult.values())
        {
            if (result == AuthorizationResult.NULL_VAL)
            {
                continue;
            }
            assertTrue(ResponseCodes.isMapped(result), result + " has no field 39 mapping");
            assertTrue(ResponseCodes.code(result.value()).matches("[0-9]{2}"), result.name());
        }
    }

    @Test
    void theTableOfTheIssue()
    {
        assertEquals("00", ResponseCodes.code(AuthorizationResult.APPROVED.value()));
        assertEquals("51", ResponseCodes.code(AuthorizationResult.INSUFFICIENT_FUNDS.value()));
        assertEquals("94", ResponseCodes.code(AuthorizationResult.DUPLICATE_TRANSMISSION.value()));
        assertEquals("91", ResponseCodes.code(AuthorizationResult.ISSUER_UNAVAILABLE.value()));
        assertEquals("25", ResponseCodes.code(AuthorizationResult.ORIGINAL_NOT_FOUND.value()));
        assertEquals("65", ResponseCodes.code(AuthorizationResult.EXCEEDS_DAILY_COUNT.value()));
        assertEquals("96", ResponseCodes.code(AuthorizationResult.SYSTEM_ERROR.value()));
        assertEquals("96", ResponseCodes.code(60_000), "a value this build does not know");
    }

    @Test
    void approvalCodeIsSixDigitsOfTheAuthorizationId()
    {
        assertEquals("000042", ResponseWriter.approvalCode(42));
        assertEquals("234567", ResponseWriter.approvalCode(1_234_567));
    }

    @Test
    void responseMtiAndRequestClasses()
    {
        assertEquals(110, Mti.response(Mti.AUTHORIZATION_REPEAT));
        assertEquals(430, Mti.response(Mti.REVERSAL_ADVICE_REPEAT));
        assertEquals(810, Mti.response(Mti.NETWORK));
        assertTrue(Mti.isRequest(300));
        assertTrue(!Mti.isRequest(110) && !Mti.isRequest(0) && !Mti.isRequest(130));
    }
}
