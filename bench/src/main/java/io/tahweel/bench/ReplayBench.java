package io.tahweel.bench;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.bench.support.CardTraffic;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.replay.ReplayEngine;
import io.tahweel.replay.ReplayProgress;
import io.tahweel.replay.ReplayRange;
import io.tahweel.replay.ReplayResult;
import io.tahweel.replay.view.ReportFormat;
import io.tahweel.replay.view.SettlementView;
import io.tahweel.replay.view.ViewBuilder;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CloseSettlementWindowEncoder;
import io.tahweel.sbe.ConfigureSettlementEncoder;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.OpenAccountEncoder;
import io.tahweel.sbe.Source;
import io.tahweel.sbe.TimerTickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Replay of a whole journal into the settlement view, one thread: {@link ReplayEngine} opens a
 * real Chronicle Queue journal read-only, reads every entry (CRC-checked), re-derives its outcome
 * with a fresh {@code SwitchCore} and feeds the view. The score is journal entries per second.
 * <p>
 * The journal ({@link #ENTRIES} entries, about 0.3 GB) is written once per trial in a temp
 * directory by appending stamped entries straight to {@link Journal}: the genesis of
 * {@link BenchSwitch} (10,000 funded cards) plus a fee schedule, then repeating groups of a
 * single-message purchase, a dual-message authorization and its completion, a timer tick every
 * 1,000 entries and an operator cut-off every 250,000, so the view closes windows.
 * <p>
 * {@code view=none} replays with no view at all (journal read + core), so the difference between
 * the two is the view's share. {@link #replay} includes building a new core (its pre-sized
 * stores: hundreds of MB to allocate and zero) and opening the journal, as a real replay does;
 * {@link #replayAfterSetUp} builds the core before the measured time, so its score is the rate a long
 * journal replays at (the target's "a day at 10k TPS replays in minutes").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ReplayBench.ENTRIES)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms3g", "-Xmx3g",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public class ReplayBench
{
    /** Journal entries replayed per invocation (genesis included). */
    public static final int ENTRIES = 1_500_000;
    private static final int CARDS = 10_000;
    private static final long NANOS_PER_ENTRY = 1_000;
    private static final int TICK_EVERY = 1_000;
    private static final int CUT_OFF_EVERY = 250_000;

    @Param({"settlement", "none"})
    public String view;

    private Path directory;
    private long checksum;

    @Setup(Level.Trial)
    public void writeJournal() throws IOException
    {
        directory = Files.createTempDirectory("tahweel-replay-bench");
        final BenchSwitch bench = new BenchSwitch(CARDS);
        final CardTraffic traffic = new CardTraffic(bench);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        final EntryHeaderEncoder header = new EntryHeaderEncoder();
        try (Journal journal = new Journal(new JournalContext().directory(directory.resolve("journal"))))
        {
            long sequence = 0;
            for (final byte[] command : settlementGenesis(bench.genesis()))
            {
                buffer.putBytes(0, command);
                sequence = append(journal, buffer, command.length, header, sequence);
            }
            long window = 1;
            int step = 0;
            while (sequence < ENTRIES)
            {
                final int length;
                if ((sequence + 1) % CUT_OFF_EVERY == 0)
                {
                    length = closeWindow(buffer, window++);
                }
                else if ((sequence + 1) % TICK_EVERY == 0)
                {
                    length = tick(buffer);
                }
                else
                {
                    final int kind = step++ % 3;
                    length = kind == 0 ? traffic.encodeAuthorize(buffer, CaptureMode.SINGLE_MESSAGE, sequence) :
                        kind == 1 ? traffic.encodeAuthorize(buffer, CaptureMode.DUAL_MESSAGE, sequence) :
                        traffic.encodeComplete(buffer, sequence);
                }
                sequence = append(journal, buffer, length, header, sequence);
            }
        }
    }

    private static long append(final Journal journal, final UnsafeBuffer buffer, final int length,
        final EntryHeaderEncoder header, final long previous)
    {
        final long sequence = previous + 1;
        header.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).sequence(sequence)
            .timestamp(BenchSwitch.START_NANOS + sequence * NANOS_PER_ENTRY).epoch(1);
        journal.append(buffer, 0, length);
        return sequence;
    }

    private static List<byte[]> settlementGenesis(final List<byte[]> genesis)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final OpenAccountEncoder account = new OpenAccountEncoder().wrapAndApplyHeader(buffer, 0, header);
        account.header().source(Source.BOOTSTRAP);
        account.accountId(9900).participantId(BenchSwitch.ISSUER).currency(BenchSwitch.CURRENCY).kind(AccountKind.FEE)
            .creditLimit(0);
        account.flags().clear();
        account.operatorId("bench");
        final byte[] feeAccount = copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + account.encodedLength());
        final ConfigureSettlementEncoder fees = new ConfigureSettlementEncoder().wrapAndApplyHeader(buffer, 0, header);
        fees.header().source(Source.BOOTSTRAP);
        fees.currency(BenchSwitch.CURRENCY).centralAccountId(9999).feeAccountId(9900).interchangeBasisPoints(50)
            .interchangeFixed(0).acquirerSwitchFee(10).issuerSwitchFee(10).operatorId("bench");
        final byte[] schedule = copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + fees.encodedLength());
        final List<byte[]> all = new java.util.ArrayList<>(genesis);
        all.add(feeAccount);
        all.add(schedule);
        return all;
    }

    private static int closeWindow(final UnsafeBuffer buffer, final long window)
    {
        final CloseSettlementWindowEncoder close =
            new CloseSettlementWindowEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        close.header().source(Source.ADMIN);
        close.windowId(window).operatorId("bench");
        return MessageHeaderEncoder.ENCODED_LENGTH + close.encodedLength();
    }

    private static int tick(final UnsafeBuffer buffer)
    {
        final TimerTickEncoder tick = new TimerTickEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        tick.header().source(Source.TIMER);
        tick.tickId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** The whole replay of this 1.5M-entry journal: set-up (journal open, the core's stores allocated) included. */
    @Benchmark
    public long replay()
    {
        final StringBuilder out = new StringBuilder();
        final ReplayResult result = new ReplayEngine(new CoreContext()).replay(directory, ReplayRange.all(),
            views(out), ReplayProgress.NONE);
        return checked(result, out);
    }

    /**
     * The replay's per-entry rate: the core is built before each invocation, outside the measured time, as its
     * fixed cost (0.1-0.8 s, about what 1.5M entries take) would be spread over a day's journal, not a bench's.
     */
    @Benchmark
    public long replayAfterSetUp(final FreshCore fresh)
    {
        final StringBuilder out = new StringBuilder();
        final ReplayResult result = new ReplayEngine(fresh.context).replay(fresh.core, directory, ReplayRange.all(),
            views(out), ReplayProgress.NONE);
        return checked(result, out);
    }

    /** A production-size core built before each invocation (which lasts about a second: the timer's cost is nil). */
    @State(Scope.Thread)
    public static class FreshCore
    {
        final CoreContext context = new CoreContext();
        SwitchCore core;

        @Setup(Level.Invocation)
        public void build()
        {
            core = null;  // the previous core may go before the next is allocated
            core = new SwitchCore(context);
        }
    }

    private List<ViewBuilder> views(final StringBuilder out)
    {
        return "none".equals(view) ? List.of(new CountingView()) : List.of(new SettlementView(ReportFormat.CSV, out));
    }

    private long checked(final ReplayResult result, final StringBuilder out)
    {
        if (result.entriesRead() != ENTRIES)
        {
            throw new IllegalStateException("replayed " + result.entriesRead() + " entries, expected " + ENTRIES);
        }
        checksum += out.length();
        return result.entriesRead() + out.length();
    }

    @TearDown(Level.Trial)
    public void deleteJournal() throws IOException
    {
        System.out.println("settlement report bytes over the trial: " + checksum);
        try (Stream<Path> walk = Files.walk(directory))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.delete(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

    /** The cheapest possible view, so {@code view=none} measures journal read + core alone. */
    private static final class CountingView implements ViewBuilder
    {
        private long cleared;

        @Override
        public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
        {
            cleared += outcome.clearedAmount();
        }

        @Override
        public void finish()
        {
        }
    }
}
