package io.tahweel.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.gateways.iso8583.AcquirerCodecPath;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.ListenerConfig;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
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
import java.util.concurrent.TimeUnit;

/**
 * The acquirer gateway's per-message work for an 0100 → 0110, with the gateway's own classes
 * ({@link AcquirerCodecPath}: the classes {@code AcquirerSession} uses, in its order), on one
 * thread, no socket.
 * <p>
 * <b>Measures:</b> {@code unpack}: {@code MessageDecoder} (the {@code Iso8583Fields} flyweight over
 * the frame, binary profile, ISO87B-equivalent, + our field checks) of a 96-byte 0100 with fields 2,
 * 3, 4, 7, 11, 12, 13, 14, 18, 22, 25, 32, 37, 41, 42, 49, 52. {@code unpackToSbe}: + {@code
 * RequestTranslator} (SipHash token and 6 prefix hashes of the PAN, AES-128-GCM panCipher when
 * {@code panCipher=true}), an in-flight slot with the response template (the echoed fields' packed
 * bytes) and the {@code ForwardedFields} copy (52, 12, 13, 22, 25), and {@code CardCommandEncoder}
 * (SBE Authorize, 231 bytes, into a direct buffer). {@code roundTrip}: + the slot freed, the 0110
 * (39, 38, echoed fields, bitmap, MTI, 2-byte length prefix) written straight into a pooled Netty
 * ByteBuf (82 bytes, released), as {@code ResponseWriter.write} does before writeAndFlush.
 * <p>
 * <b>Does not measure:</b> Netty's socket I/O and frame decoder, the ring, the journal, the core,
 * the in-flight table's hand-over between threads; the response code is fixed (00). The same frame
 * is decoded every time (its PIN block is zero-filled after the first copy, as the session does);
 * the correlation and authorization ids vary.
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
public class Iso8583CodecBench
{
    private static final byte[] TOKEN_KEY = "tahweel-bench-k1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CIPHER_KEY = "tahweel-bench-c1".getBytes(StandardCharsets.US_ASCII);
    private static final long CONNECTION_ID = 0x41L << 56 | 1L << 12;

    /** Whether the PAN is also AES-GCM encrypted into Authorize.panCipher (gateway wired with issuer links). */
    @Param({ "false", "true" })
    public boolean panCipher;

    private final UnsafeBuffer slot = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private AcquirerCodecPath path;
    private byte[] frame;
    private long sequence;

    @Setup
    public void setUp() throws ISOException
    {
        path = new AcquirerCodecPath(new ListenerConfig("bench", 0), new PanTokenizer(TOKEN_KEY),
            panCipher ? new PanCipher(CIPHER_KEY) : null);
        final ISOMsg msg = new ISOMsg("0100");
        msg.set(2, BenchSwitch.pan(42));
        msg.set(3, "000000");
        msg.set(4, "000000010000");
        msg.set(7, "1125203015");
        msg.set(11, "123456");
        msg.set(12, "203015");
        msg.set(13, "1125");
        msg.set(14, "4912");
        msg.set(18, "5411");
        msg.set(22, "051");
        msg.set(25, "00");
        msg.set(32, Integer.toString(BenchSwitch.ACQUIRER));
        msg.set(37, "633012345678");
        msg.set(41, "TERM0001");
        msg.set(42, "MERCHANT0000001");
        msg.set(49, Integer.toString(BenchSwitch.CURRENCY));
        msg.set(52, new byte[]{ 0x12, 0x34, 0x56, 0x78, (byte)0x9A, (byte)0xBC, (byte)0xDE, (byte)0xF0 });
        msg.setPackager(Iso8583Packagers.packager(FieldEncoding.BINARY));
        frame = msg.pack();
        if (roundTrip() <= 0)
        {
            throw new IllegalStateException("the bench message does not make a response");
        }
    }

    @Benchmark
    public boolean unpack()
    {
        return path.decode(frame, frame.length);
    }

    @Benchmark
    public int unpackToSbe()
    {
        if (!path.decode(frame, frame.length))
        {
            throw new IllegalStateException("malformed");
        }
        return path.command(CONNECTION_ID, ++sequence << 16, slot);
    }

    @Benchmark
    public int roundTrip() throws ISOException
    {
        final int length = unpackToSbe();
        if (length <= 0)
        {
            throw new IllegalStateException("refused by the translator");
        }
        final ByteBuf response = path.respond(allocator, "00", sequence);
        try
        {
            return length + response.readableBytes();
        }
        finally
        {
            response.release();
        }
    }
}
