package io.tahweel.bench;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.engine.command.CardCommands;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.Source;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SBE encode and decode of one Authorize command (the card authorization entry, 231 bytes
 * with its headers), on a 64-byte aligned direct buffer like a ring slot.
 * <p>
 * <b>Measures:</b> {@code encode}: {@link CardCommands#authorize} writing every field,
 * including the fixed-length RRN, terminal and merchant ids from Strings created once.
 * {@code decode}: wrapping the message and entry headers and the body and reading every field
 * (the three char arrays into a reused byte[]). {@code encodeDecode}: both. The varying STAN
 * keeps the JIT from folding the work; results go to JMH's implicit blackhole.
 * <p>
 * <b>Does not measure:</b> the core, the journal, ISO 8583 packing (no ISO 8583 gateway exists
 * yet), or reading the char fields as Strings (which allocates; the core reads the RRN as two
 * primitives).
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
public class SbeCodecBench
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final CardCommands commands = new CardCommands();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final AuthorizeDecoder decoder = new AuthorizeDecoder();
    private final byte[] text = new byte[16];
    private final String rrn = "633012345678";
    private final String terminalId = "TERM0001";
    private final String merchantId = "MERCHANT0000001";
    private long[] prefixHashes;
    private long token;
    private int last4;
    private int stan;

    @Setup
    public void setUp()
    {
        final BenchSwitch bench = new BenchSwitch(1);
        prefixHashes = bench.prefixHashes(0).clone();
        token = bench.token(0);
        last4 = bench.last4(0);
        encode();
    }

    @Benchmark
    public int encode()
    {
        stan = stan == 999_999 ? 1 : stan + 1;
        return commands.authorize(buffer, Source.ISO8583, stan, BenchSwitch.ACQUIRER, stan, 1_125_120_000L, rrn, 100,
            BenchSwitch.CURRENCY, token, prefixHashes, BenchSwitch.BIN_NUMBER, last4, BenchSwitch.PAN_LENGTH,
            BenchSwitch.EXPIRY, CaptureMode.DUAL_MESSAGE, false, terminalId, merchantId);
    }

    @Benchmark
    public long decode()
    {
        headerDecoder.wrap(buffer, 0);
        if (headerDecoder.templateId() != AuthorizeDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("not an Authorize");
        }
        entryHeader.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        long h = entryHeader.sequence() ^ entryHeader.timestamp() ^ entryHeader.correlationId() ^
            entryHeader.connectionId() ^ entryHeader.epoch() ^ entryHeader.source().value();
        h = h * 31 + decoder.acquirerId();
        h = h * 31 + decoder.stan();
        h = h * 31 + decoder.transmissionDateTime();
        h = h * 31 + decoder.amount();
        h = h * 31 + decoder.cardToken();
        for (int i = 0; i < AuthorizeDecoder.prefixHashesLength(); i++)
        {
            h = h * 31 + decoder.prefixHashes(i);
        }
        h = h * 31 + decoder.bin();
        h = h * 31 + decoder.last4();
        h = h * 31 + decoder.panLength();
        h = h * 31 + decoder.expiry();
        h = h * 31 + decoder.currency();
        h = h * 31 + decoder.processingCode();
        h = h * 31 + decoder.mcc();
        h = h * 31 + decoder.channel().value();
        h = h * 31 + decoder.captureMode().value();
        h = h * 31 + decoder.repeat();
        h = h * 31 + decoder.getRrn(text, 0) + text[0];
        h = h * 31 + decoder.getTerminalId(text, 0) + text[1];
        h = h * 31 + decoder.getMerchantId(text, 0) + text[2];
        return h;
    }

    @Benchmark
    public long encodeDecode()
    {
        return encode() + decode();
    }
}
