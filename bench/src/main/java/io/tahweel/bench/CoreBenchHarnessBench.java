package io.tahweel.bench;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.util.concurrent.TimeUnit;

/**
 * The control for {@link CoreAuthorizationBench}: exactly its per-op work except the core, i.e.
 * rewriting the next message's key and card fields into the pre-encoded entry and stamping its
 * sequence and time. Its time per op is the part of a {@code CoreAuthorizationBench} op that is
 * the harness, not the decision: {@code 1 / core score - 1 / this score} is the decision alone.
 * The code is a copy of that bench's on purpose: moving it into a shared helper for both
 * (tried) cost the core bench ~8 % in cache (two alternating comparisons at 0.92x), i.e. it would
 * change the number this control is for. Keep the two in step when either changes.
 * <p>
 * <b>Measures:</b> {@link CardTraffic#patchAuthorize}/{@link CardTraffic#patchComplete} and the
 * header stamp, alternating as in {@code authorize-complete} or authorizations only as in
 * {@code single-message}; the stamped sequence, read back, goes to JMH's blackhole.
 * <b>Does not measure:</b> anything of the switch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms2g", "-Xmx2g",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public class CoreBenchHarnessBench
{
    private static final long NANOS_PER_ENTRY = 1_000;
    private static final int SEQUENCE_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + EntryHeaderEncoder.sequenceEncodingOffset();

    @Param({"single-message", "authorize-complete"})
    public String mode;

    @Param({"10000"})
    public int cards;

    private CardTraffic traffic;
    private final UnsafeBuffer authorizeBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final UnsafeBuffer completeBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final EntryHeaderEncoder authorizeHeader = new EntryHeaderEncoder();
    private final EntryHeaderEncoder completeHeader = new EntryHeaderEncoder();
    private boolean withCompletion;
    private long sequence;
    private long timestamp;
    private long entries;

    @Setup
    public void setUp()
    {
        final BenchSwitch bench = new BenchSwitch(cards);
        traffic = new CardTraffic(bench);
        withCompletion = "authorize-complete".equals(mode);
        if (!withCompletion && !"single-message".equals(mode))
        {
            throw new IllegalArgumentException("mode " + mode);
        }
        traffic.encodeAuthorize(authorizeBuffer, withCompletion ? CaptureMode.DUAL_MESSAGE : CaptureMode.SINGLE_MESSAGE, 1);
        traffic.encodeComplete(completeBuffer, 2);
        authorizeHeader.wrap(authorizeBuffer, MessageHeaderEncoder.ENCODED_LENGTH).epoch(1);
        completeHeader.wrap(completeBuffer, MessageHeaderEncoder.ENCODED_LENGTH).epoch(1);
        timestamp = 1_795_608_000_000_000_000L;
    }

    /** What {@link CoreAuthorizationBench#onEntry} does around {@code core.onEntry}. */
    @Benchmark
    public int patchAndStamp()
    {
        final UnsafeBuffer buffer;
        if (withCompletion && (entries & 1) == 1)
        {
            traffic.patchComplete(completeBuffer);
            completeHeader.sequence(++sequence).timestamp(timestamp += NANOS_PER_ENTRY);
            buffer = completeBuffer;
        }
        else
        {
            traffic.patchAuthorize(authorizeBuffer);
            authorizeHeader.sequence(++sequence).timestamp(timestamp += NANOS_PER_ENTRY);
            buffer = authorizeBuffer;
        }
        entries++;
        return (int)buffer.getLong(SEQUENCE_OFFSET);
    }
}
