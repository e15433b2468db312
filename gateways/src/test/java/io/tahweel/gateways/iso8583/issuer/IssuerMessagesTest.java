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

/** What the switch sends issuers ({@link IssuerMessageWriter}), read back with jPOS's own ISO87BPackager and ISO87APackager. */
class IssuerMessagesTest
{
    private static final String PAN = "4567123400000019";
    private static final String INSTITUTION = "999001";
    private final byte[] out = new byte[IssuerMessageWriter.MAX_MESSAGE_LENGTH];

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
        final ISOMsg request = request(authorize, pan, pan.length, null, new ISO87BPackager());
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

        assertEquals("0200", request(authorize(CaptureMode.SINGLE_MESSAGE), pan, pan.length, null, new ISO87BPackager())
            .getMTI());
    }

    @Test
    void forwardedFieldsPackInBothProfiles() throws Exception
    {
        final byte[] pin = { 0x12, 0x34, 0x56, 0x78, (byte)0x9A, (byte)0xBC, (byte)0xDE, (byte)0xF0 };
        final String track2 = PAN + "=2812101";
        final byte[] pan = PAN.getBytes(StandardCharsets.US_ASCII);
        for (final org.jpos.iso.ISOPackager packager :
            new org.jpos.iso.ISOPackager[]{ new ISO87BPackager(), new org.jpos.iso.packager.ISO87APackager() })
        {
            final ForwardedFields fields = ForwardedFields.of(pin, track2, "051");
            final ISOMsg back = request(authorize(CaptureMode.DUAL_MESSAGE), pan, pan.length, fields,
                (org.jpos.iso.ISOBasePackager)packager);
            assertArrayEquals(pin, back.getBytes(52), packager.getClass().getSimpleName());
            assertEquals(track2, back.getString(35));
            assertEquals("051", back.getString(22));
        }
    }

    @Test
    void advicesCarryTheOriginalDataElementsAndTheirAmounts() throws Exception
    {
        final AuthorizeDecoder authorize = authorize(CaptureMode.DUAL_MESSAGE);
        final byte[] pan = PAN.getBytes(StandardCharsets.US_ASCII);
        final String original = "0100" + "000078" + "0612101530" + "00000000002" + "00000999001";

        final ISOMsg standIn = advice(authorize, StoreAndForwardKind.STAND_IN_ADVICE.value(),
            9_000, pan, pan.length);
        assertEquals("0120", standIn.getMTI());
        assertEquals("000000009000", standIn.getString(4));
        assertEquals("00", standIn.getString(39));
        assertEquals("000077", standIn.getString(38));
        assertEquals(original, standIn.getString(90));

        final ISOMsg partial = advice(authorize, StoreAndForwardKind.REVERSAL_ADVICE.value(),
            2_000, pan, pan.length);
        assertEquals("0420", partial.getMTI());
        assertEquals("000000012345", partial.getString(4));
        assertEquals("000000002000", partial.getString(95).substring(0, 12));
        assertEquals(42, partial.getString(95).length());
        assertNull(advice(authorize, StoreAndForwardKind.REVERSAL_ADVICE.value(), 0, pan,
            pan.length).getString(95), "full reversal");

        final ISOMsg completion = advice(authorize, StoreAndForwardKind.COMPLETION_ADVICE.value(), 10_000, pan,
            pan.length);
        assertEquals("0220", completion.getMTI());
        assertEquals("000000010000", completion.getString(4));
        assertFalse(completion.getString(11).equals(standIn.getString(11)), "each advice its own STAN");
        assertEquals(IssuerMessageWriter.UNKNOWN_KIND, new IssuerMessageWriter(formats(new ISO87BPackager()), INSTITUTION)
            .advice(authorize, 77, 0, 0, pan, pan.length, out, 0, out.length));
        assertFalse(advice(authorize, StoreAndForwardKind.STAND_IN_ADVICE.value(), 1, pan, 0).hasField(2),
            "no PAN: no field 2");
    }

    private ISOMsg request(final AuthorizeDecoder authorize, final byte[] pan, final int panLength,
        final ForwardedFields fields, final org.jpos.iso.ISOBasePackager packager) throws Exception
    {
        final int length = new IssuerMessageWriter(formats(packager), INSTITUTION)
            .request(authorize, 77, pan, panLength, fields, out, 0, out.length);
        return unpack(packager, length);
    }

    private ISOMsg advice(final AuthorizeDecoder authorize, final int kind, final long amount, final byte[] pan,
        final int panLength) throws Exception
    {
        final ISO87BPackager packager = new ISO87BPackager();
        final int length = new IssuerMessageWriter(formats(packager), INSTITUTION)
            .advice(authorize, 77, kind, amount, pan, panLength, out, 0, out.length);
        return unpack(packager, length);
    }

    private ISOMsg unpack(final org.jpos.iso.ISOBasePackager packager, final int length) throws Exception
    {
        final ISOMsg back = new ISOMsg();
        back.setPackager(packager);
        back.unpack(java.util.Arrays.copyOf(out, length));
        return back;
    }

    /** The project's XML for the jPOS packager class it is equivalent to. */
    private static io.tahweel.gateways.iso8583.FieldFormats formats(final org.jpos.iso.ISOBasePackager packager)
    {
        return io.tahweel.gateways.iso8583.FieldFormats.of(packager instanceof ISO87BPackager ?
            io.tahweel.gateways.iso8583.FieldEncoding.BINARY : io.tahweel.gateways.iso8583.FieldEncoding.ASCII);
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
