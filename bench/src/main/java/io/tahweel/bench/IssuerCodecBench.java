package io.tahweel.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.LengthPrefix;
import io.tahweel.gateways.iso8583.issuer.IssuerCodecPath;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The issuer link's per-message work, binary profile, 2-byte length prefix, one thread, no socket.
 * {@code codec=flyweight}: the gateway's own classes ({@link IssuerCodecPath}: what
 * {@code IssuerLink} does, in its order). {@code codec=jpos}: what the issuer side did before
 * (commit a0caf53), written out here: an {@code ISOMsg} built field by field with strings, packed by
 * the shared GenericPackager, the body copied into the frame and zero-filled; the answer unpacked
 * into a new {@code ISOMsg} and read with {@code getString}.
 * <p>
 * <b>Measures:</b> {@code forward}: the 0100 for an authorization (fields 2, 3, 4, 7, 11, 12, 13, 14,
 * 18, 22, 25, 32, 33, 35, 37, 41, 42, 43, 49, 52: the PAN and the acquirer's forwarded fields) into
 * a pooled ByteBuf, framed (flyweight: through the outbox ring, as the link hands it from the output
 * thread to its event loop, without the thread switch). {@code answer}: a 0110 (11, 37, 38, 39)
 * read and checked as the link does before journaling it (RRN to authorization id, STAN, 39, 38).
 * <p>
 * <b>Does not measure:</b> the PAN decryption (AES-GCM, the same in both), the thread hand-over,
 * Netty's socket I/O and frame decoder, the ring to the core, the journal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public class IssuerCodecBench
{
    private static final String INSTITUTION = "999001";
    private static final long AUTHORIZATION_ID = 424_242;

    @Param({ "flyweight", "jpos" })
    public String codec;

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final ISOBasePackager packager = Iso8583Packagers.packager(FieldEncoding.BINARY);
    private final byte[] pan = BenchSwitch.pan(42).getBytes(StandardCharsets.US_ASCII);
    private IssuerCodecPath path;
    private AuthorizeDecoder authorize;
    private ForwardedFields fields;
    private byte[] answer;
    private boolean jpos;

    @Setup
    public void setUp() throws ISOException
    {
        jpos = "jpos".equals(codec);
        path = new IssuerCodecPath(FieldEncoding.BINARY, LengthPrefix.BINARY_2, null, INSTITUTION);
        authorize = authorize();
        fields = ForwardedFields.none()
            .put(12, ascii("203015")).put(13, ascii("1125")).put(22, ascii("051")).put(25, ascii("00"))
            .put(35, ascii(BenchSwitch.pan(42) + "=4912101")).put(43, ascii("NILE GROCERY           CAIRO        EG"))
            .put(52, new byte[]{ 0x12, 0x34, 0x56, 0x78, (byte)0x9A, (byte)0xBC, (byte)0xDE, (byte)0xF0 });
        final ISOMsg msg = new ISOMsg("0110");
        msg.set(11, digits(AUTHORIZATION_ID % 999_999 + 1, 6));
        msg.set(37, digits(AUTHORIZATION_ID, 12));
        msg.set(38, "AB1234");
        msg.set(39, "00");
        msg.setPackager(packager);
        answer = msg.pack();
        if (forward() <= 0 || answer() <= AUTHORIZATION_ID)
        {
            throw new IllegalStateException("the bench messages do not go through");
        }
    }

    @Benchmark
    public int forward() throws ISOException
    {
        final ByteBuf frame = jpos ? jposForward() :
            path.forward(allocator, authorize, AUTHORIZATION_ID, pan, pan.length, fields);
        final int length = frame.readableBytes();
        frame.release();
        return length;
    }

    @Benchmark
    public long answer() throws ISOException
    {
        return jpos ? jposAnswer() : path.answer(answer, answer.length) + path.responseCode();
    }

    /** IssuerMessages.request + ForwardedFields.addTo + IssuerLink.write as of a0caf53. */
    private ByteBuf jposForward() throws ISOException
    {
        final AuthorizeDecoder a = authorize;
        final ISOMsg msg = new ISOMsg();
        msg.set(2, new String(pan, 0, pan.length, StandardCharsets.US_ASCII));
        msg.set(3, digits(a.processingCode(), 6));
        msg.set(7, digits(a.transmissionDateTime(), 10));
        msg.set(14, digits(a.expiry(), 4));
        msg.set(18, digits(a.mcc(), 4));
        msg.set(32, Long.toString(a.acquirerId()));
        msg.set(33, INSTITUTION);
        msg.set(37, digits(AUTHORIZATION_ID, 12));
        final String terminal = a.terminalId().trim();
        msg.set(41, terminal);
        final String merchant = a.merchantId().trim();
        msg.set(42, merchant);
        msg.set(49, digits(a.currency(), 3));
        msg.setMTI("0100");
        msg.set(4, digits(a.amount(), 12));
        msg.set(11, digits(AUTHORIZATION_ID % 999_999 + 1, 6));
        final byte[] value = new byte[64];
        for (final int field : new int[]{ 12, 13, 22, 25, 35, 43, 52 })
        {
            final int length = fields.copy(field, value);
            if (field == 35 || field == 52)
            {
                msg.set(field, Arrays.copyOf(value, length));
            }
            else
            {
                msg.set(field, new String(value, 0, length, StandardCharsets.ISO_8859_1));
            }
        }
        msg.setPackager(packager);
        final byte[] body = msg.pack();
        final ByteBuf frame = allocator.buffer(2 + body.length);
        frame.writeShort(body.length);
        frame.writeBytes(body);
        Arrays.fill(body, (byte)0);
        return frame;
    }

    /** IssuerLink.onFrame + onAuthorizationResponse's checks as of a0caf53. */
    private long jposAnswer() throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(packager);
        msg.unpack(answer);
        if (Integer.parseInt(msg.getMTI()) != 110)
        {
            return -1;
        }
        final String rrn = msg.getString(37);
        final long authorizationId = Long.parseLong(rrn);
        if (!msg.getString(11).equals(digits(authorizationId % 999_999 + 1, 6)))
        {
            return -1;
        }
        final String code = msg.getString(39);
        final String approval = msg.getString(38);
        return authorizationId + code.charAt(0) + (approval.isBlank() ? 0 : approval.charAt(0));
    }

    private static AuthorizeDecoder authorize()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final AuthorizeEncoder e = new AuthorizeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.acquirerId(BenchSwitch.ACQUIRER).stan(123_456).transmissionDateTime(1_125_203_015L).amount(10_000)
            .expiry(4912).currency(BenchSwitch.CURRENCY).processingCode(0).mcc(5411)
            .captureMode(CaptureMode.DUAL_MESSAGE).rrn("633012345678").terminalId("TERM0001")
            .merchantId("MERCHANT0000001");
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new AuthorizeDecoder().wrapAndApplyHeader(buffer, 0, header);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String digits(final long value, final int width)
    {
        final char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--)
        {
            out[i] = (char)('0' + v % 10);
            v /= 10;
        }
        return new String(out);
    }
}
