package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.StoreAndForwardKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the switch sends issuers, checked against jPOS's own ISO87BPackager. */
class IssuerMessagesTest
{
    private static final String PAN = "4567123400000019";
    private final IssuerMessages messages = new IssuerMessages("999001");

    @Test
    void traceNumbersDeriveFromTheAuthorizationIdAndRoundTrip()
    {
        assertEquals(1, IssuerMessages.stan(999_999));
        assertEquals(43, IssuerMessages.stan(42));
        assertEquals("000000000042", IssuerMessages.rrn(42));
        assertEquals(42, IssuerMessages.authorizationId("000000000042"));
        assertEquals(-1, IssuerMessages.authorizationId("RRN000000042"));
        assertEquals(-1, IssuerMessages.authorizationId("000000000000"));
        for (final StoreAndForwardKind kind : new StoreAndForwardKind[]{ StoreAndForwardKind.STAND_IN_ADVICE,
            StoreAndForwardKind.REVERSAL_ADVICE, StoreAndForwardKind.COMPLETION_ADVICE })
        {
            final int stan = IssuerMessages.adviceStan(Long.MAX_VALUE >> 2, kind.value());
            assertEquals(true, stan >= 1 && stan <= 999_999);
        }
    }

    @Test
    void forwardedRequestPacksWithJposAndCarriesTheSwitchFields() throws Exception
    {
        final AuthorizeDecoder authorize = authorize(CaptureMode.DUAL_MESSAGE);
        final byte[] pan = PAN.getBytes(StandardCharsets.US_ASCII);
        final ISOMsg request = roundTrip(messages.request(authorize, 77, pan, pan.length));
        assertEquals("0100", request.getMTI());
        assertEquals(PAN, request.getString(2));
        assertEquals("000000", request.getString(3));
        assertEquals("000000012345", request.getString(4));
        assertEquals("0612101530", request.getString(7));
        assertEquals("000078", request.getString(11));
        assertEquals("2812", request.getString(14));
        assertEquals("5411", request.getString(18));
        assertEquals("2", request.getString(32));
        assertEquals("999001", request.getString(33));
        assertEquals("000000000077", request.getString(37));
        assertEquals("TERM0001", request.getString(41));
        assertEquals("818", request.getString(49));
        assertFalse(request.hasField(90));

        assertEquals("0200", messages.request(authorize(CaptureMode.SINGLE_MESSAGE), 77, pan, pan.length).getMTI());
    }

    @Test
    void forwardedFieldsPackInBothProfilesAndAreClearedFromTheMessageByTheWipe() throws Exception
    {
        final byte[] pin = { 0x12, 0x34, 0x56, 0x78, (byte)0x9A, (byte)0xBC, (byte)0xDE, (byte)0xF0 };
        final String track2 = PAN + "=2812101";
        final byte[] pan = PAN.getBytes(StandardCharsets.US_ASCII);
        for (final org.jpos.iso.ISOPackager packager :
            new org.jpos.iso.ISOPackager[]{ new ISO87BPackager(), new org.jpos.iso.packager.ISO87APackager() })
        {
            final ForwardedFields fields = ForwardedFields.of(pin, track2, "051");
            final ISOMsg msg = messages.request(authorize(CaptureMode.DUAL_MESSAGE), 77, pan, pan.length, fields);
            final ISOMsg back = roundTrip(msg, packager);
            assertArrayEquals(pin, back.getBytes(52), packager.getClass().getSimpleName());
            assertEquals(track2, back.getString(35));
            assertEquals("051", back.getString(22));
            fields.wipe();
            assertArrayEquals(new byte[8], msg.getBytes(52), "the message held the wiped copy");
            assertArrayEquals(new byte[track2.length()], msg.getBytes(35));
        }
    }

    @Test
    void advicesCarryTheOriginalDataElementsAndTheirAmounts() throws Exception
    {
        final AuthorizeDecoder authorize = authorize(CaptureMode.DUAL_MESSAGE);
        final byte[] pan = PAN.getBytes(StandardCharsets.US_ASCII);
        final String original = "0100" + "000078" + "0612101530" + "00000000002" + "00000999001";

        final ISOMsg standIn = roundTrip(messages.advice(authorize, 77, StoreAndForwardKind.STAND_IN_ADVICE.value(),
            9_000, pan, pan.length));
        assertEquals("0120", standIn.getMTI());
        assertEquals("000000009000", standIn.getString(4));
        assertEquals("00", standIn.getString(39));
        assertEquals("000077", standIn.getString(38));
        assertEquals(original, standIn.getString(90));

        final ISOMsg partial = roundTrip(messages.advice(authorize, 77, StoreAndForwardKind.REVERSAL_ADVICE.value(),
            2_000, pan, pan.length));
        assertEquals("0420", partial.getMTI());
        assertEquals("000000012345", partial.getString(4));
        assertEquals("000000002000", partial.getString(95).substring(0, 12));
        assertEquals(42, partial.getString(95).length());
        assertNull(roundTrip(messages.advice(authorize, 77, StoreAndForwardKind.REVERSAL_ADVICE.value(), 0, pan,
            pan.length)).getString(95), "full reversal");

        final ISOMsg completion = roundTrip(messages.advice(authorize, 77,
            StoreAndForwardKind.COMPLETION_ADVICE.value(), 10_000, pan, pan.length));
        assertEquals("0220", completion.getMTI());
        assertEquals("000000010000", completion.getString(4));
        assertFalse(completion.getString(11).equals(standIn.getString(11)), "each advice its own STAN");
        assertNull(messages.advice(authorize, 77, 0, 0, pan, pan.length));
        assertFalse(roundTrip(messages.advice(authorize, 77, StoreAndForwardKind.STAND_IN_ADVICE.value(), 1, pan, 0))
            .hasField(2), "no PAN: no field 2");
    }

    private static ISOMsg roundTrip(final ISOMsg msg) throws Exception
    {
        return roundTrip(msg, new ISO87BPackager());
    }

    private static ISOMsg roundTrip(final ISOMsg msg, final org.jpos.iso.ISOPackager packager) throws Exception
    {
        msg.setPackager(packager);
        final byte[] bytes = msg.pack();
        final ISOMsg back = new ISOMsg();
        back.setPackager(packager);
        back.unpack(bytes);
        return back;
    }

    private static AuthorizeDecoder authorize(final CaptureMode mode)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final AuthorizeEncoder e = new AuthorizeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.acquirerId(2).stan(5).transmissionDateTime(612101530L).amount(123_45).expiry(2812).currency(818)
            .processingCode(0).mcc(5411).captureMode(mode).rrn("RRN000000005").terminalId("TERM0001")
            .merchantId("MERCHANT0000001");
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new AuthorizeDecoder().wrapAndApplyHeader(buffer, 0, header);
    }
}
