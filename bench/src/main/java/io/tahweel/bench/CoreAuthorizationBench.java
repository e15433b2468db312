package io.tahweel.bench;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.sbe.AuthorizationResult;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The core's card authorization decision alone: {@link SwitchCore#onEntry} applied to stamped
 * Authorize entries on one thread, exactly as the core stage and recovery call it.
 * <p>
 * <b>Measures:</b> decode of the entry, the idempotency lookup and insert in the authorization
 * book (with eviction of finished records once the 512K ring is full), BIN routing by prefix
 * hash, card lookup and checks (status, expiry, currency, limits), the ledger transfer (ring
 * insert with eviction, balance checks) and the outcome. Workloads ({@code mode}):
 * <ul>
 *   <li>{@code single-message}: every entry is a 0200-style Authorize that posts at once; one
 *       op = one decision.</li>
 *   <li>{@code authorize-complete}: entries alternate Authorize (a 7-day hold, entered in the
 *       ledger's expiry heap) and its full CompleteAuthorization (posts the hold); one op = one
 *       entry, so decisions/s are half the score.</li>
 * </ul>
 * Traffic is round robin over {@code cards} funded cards, always approvable; the tear-down
 * prints the approval ratio and fails the run if anything was declined, and checks the
 * ledger invariants.
 * {@code window} sets the capacity of the authorization book and the ledger's transfer ring.
 * <p>
 * <b>Does not measure:</b> encoding (each op rewrites only the key and card fields of a
 * pre-encoded entry and stamps sequence and time), the journal, the ring and its thread
 * hand-offs (see {@link PipelineBench}), PAN tokenization, or hold expiry by timer ticks.
 * Journal time advances 1 µs per entry (so 100M entries stay inside one simulated day).
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
public class CoreAuthorizationBench
{
    private static final long NANOS_PER_ENTRY = 1_000;

    @Param({"single-message", "authorize-complete"})
    public String mode;

    @Param({"10000"})
    public int cards;

    /**
     * Capacity of both the authorization book and the ledger's transfer ring (the idempotency
     * windows). 524288 is the production default; a small window shows how much of the cost is
     * memory traffic (the rings and their hash indexes no longer fit in cache at the default).
     */
    @Param({"524288", "16384"})
    public int window;

    /**
     * Capacity of the ledger's transfer ring when it should differ from {@link #window} (which
     * then sizes the authorization book only); 0 = same as {@code window}. For attributing the
     * memory cost between the book and the ledger, e.g.
     * {@code -p window=524288,16384 -p transferWindow=16384,524288}.
     */
    @Param({"0"})
    public int transferWindow;

    /**
     * Capacity of the card store (its token index is sized from it); 0 = the production default
     * (256K). The bench's cards are spread over the whole index, so this says how much of a
     * decision is the card lookup's memory traffic, e.g. {@code -p cardCapacity=0,16384}.
     */
    @Param({"0"})
    public int cardCapacity;

    private SwitchCore core;
    private CardTraffic traffic;
    private final UnsafeBuffer authorizeBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final UnsafeBuffer completeBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final EntryHeaderEncoder authorizeHeader = new EntryHeaderEncoder();
    private final EntryHeaderEncoder completeHeader = new EntryHeaderEncoder();
    private final Outcome outcome = new Outcome();
    private int authorizeLength;
    private int completeLength;
    private boolean withCompletion;
    private long sequence;
    private long timestamp;
    private long entries;
    private long approved;

    @Setup
    public void setUp()
    {
        final BenchSwitch bench = new BenchSwitch(cards);
        final CoreContext context = new CoreContext().authorizationCapacity(window)
            .transferCapacity(transferWindow == 0 ? window : transferWindow);
        if (cardCapacity != 0)
        {
            context.cardCapacity(cardCapacity);
        }
        core = bench.newCore(context);
        sequence = core.lastSequence();
        timestamp = core.lastTimestamp();
        traffic = new CardTraffic(bench);
        withCompletion = "authorize-complete".equals(mode);
        if (!withCompletion && !"single-message".equals(mode))
        {
            throw new IllegalArgumentException("mode " + mode);
        }
        authorizeLength = traffic.encodeAuthorize(
            authorizeBuffer, withCompletion ? CaptureMode.DUAL_MESSAGE : CaptureMode.SINGLE_MESSAGE, 1);
        completeLength = traffic.encodeComplete(completeBuffer, 2);
        authorizeHeader.wrap(authorizeBuffer, MessageHeaderEncoder.ENCODED_LENGTH).epoch(1);
        completeHeader.wrap(completeBuffer, MessageHeaderEncoder.ENCODED_LENGTH).epoch(1);
    }

    /** One journal entry through the core: an authorization decision or (in authorize-complete) a completion. */
    @Benchmark
    public int onEntry()
    {
        final Outcome out = outcome;
        if (withCompletion && (entries & 1) == 1)
        {
            traffic.patchComplete(completeBuffer);
            completeHeader.sequence(++sequence).timestamp(timestamp += NANOS_PER_ENTRY);
            core.onEntry(completeBuffer, 0, completeLength, out);
        }
        else
        {
            traffic.patchAuthorize(authorizeBuffer);
            authorizeHeader.sequence(++sequence).timestamp(timestamp += NANOS_PER_ENTRY);
            core.onEntry(authorizeBuffer, 0, authorizeLength, out);
        }
        entries++;
        final int result = out.result();
        if (result == AuthorizationResult.APPROVED.value())
        {
            approved++;
        }
        return result;
    }

    @TearDown
    public void tearDown()
    {
        final String invariants = core.ledger().checkInvariants();
        System.out.printf("%n[CoreAuthorizationBench mode=%s window=%d] entries=%d approved=%d (%.4f%%), book=%d, transfers=%d, " +
            "ledger invariants: %s%n", mode, window, entries, approved, 100.0 * approved / Math.max(1, entries),
            core.authorizations().size(), core.ledger().transferCount(), invariants == null ? "hold" : invariants);
        if (approved != entries || invariants != null)
        {
            throw new IllegalStateException("benchmark measured something other than approvals: " + approved + " of " +
                entries + " approved; invariants " + invariants);
        }
    }
}
