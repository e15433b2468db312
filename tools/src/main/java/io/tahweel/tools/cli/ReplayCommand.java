package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.replay.ReplayEngine;
import io.tahweel.replay.ReplayException;
import io.tahweel.replay.ReplayProgress;
import io.tahweel.replay.ReplayRange;
import io.tahweel.replay.ReplayResult;
import io.tahweel.replay.view.ReportFormat;
import io.tahweel.replay.view.ReportText;
import io.tahweel.replay.view.ViewBuilder;
import io.tahweel.replay.view.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tahweel replay}: rebuilds a view from a journal (a copy, or a running node's, read-only). */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
        "Replays a node's journal through a fresh core and writes a view: clearing records and totals,",
        "settlement positions per window, reporting (volumes, approval rates, response mix), or audit.",
        "Reads read-only: run it on a copy or beside a running node. Progress and a summary go to stderr."})
public final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", required = true,
        description = "A node's data directory (or its journal directory, or a copy of either).")
    Path journal;

    @Option(names = "--view", defaultValue = "settlement",
        description = "clearing, settlement, reporting or audit. Default: ${DEFAULT-VALUE}.")
    String view;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Entries at or after this ISO-8601 instant, e.g. 2026-11-25T00:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Entries before this ISO-8601 instant.")
    String to;

    @Option(names = "--from-seq", paramLabel = "N", description = "First journal sequence.")
    Long fromSequence;

    @Option(names = "--to-seq", paramLabel = "N", description = "Last journal sequence (inclusive).")
    Long toSequence;

    @Option(names = "--window", paramLabel = "N", description = "One settlement window: the entries while it was open, up to its cut-off.")
    Long window;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here. Default: standard output.")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws IOException
    {
        final PrintStream err = System.err;
        final ReplayRange range;
        final ReportFormat reportFormat;
        try
        {
            range = range();
            reportFormat = ReportFormat.parse(format);
            Views.create(view, reportFormat, new StringBuilder());
            ReplayEngine.journalDirectory(journal);
        }
        catch (final IllegalArgumentException | DateTimeParseException ex)
        {
            err.println("tahweel replay: " + ex.getMessage());
            return 2;
        }
        final Writer writer = out == null ?
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) :
            Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        final ViewBuilder builder = Views.create(view, reportFormat, writer);
        final ProgressBar progress = new ProgressBar(err, quiet);
        final ReplayResult result;
        try
        {
            result = new ReplayEngine(new CoreContext()).replay(journal, range, List.of(builder), progress);
        }
        catch (final ReplayException ex)
        {
            progress.end();
            err.println("tahweel replay: stopped at sequence " + ex.sequence() + ": " + ex.getMessage());
            err.println("tahweel replay: no report was written past the damage; a partial report would be wrong");
            return 1;
        }
        finally
        {
            writer.flush();
            if (out != null)
            {
                writer.close();
            }
        }
        progress.end();
        summary(result, range, builder, err);
        return 0;
    }

    private ReplayRange range()
    {
        final int kinds = (from != null || to != null ? 1 : 0) + (fromSequence != null || toSequence != null ? 1 : 0) +
            (window != null ? 1 : 0);
        if (kinds > 1)
        {
            throw new IllegalArgumentException("give one of --from/--to, --from-seq/--to-seq or --window");
        }
        if (window != null)
        {
            return ReplayRange.window(window);
        }
        if (fromSequence != null || toSequence != null)
        {
            return ReplayRange.sequences(fromSequence == null ? 1 : fromSequence,
                toSequence == null ? Long.MAX_VALUE : toSequence);
        }
        if (from != null || to != null)
        {
            return ReplayRange.time(from == null ? 0 : nanos(Instant.parse(from)),
                to == null ? Long.MAX_VALUE : nanos(Instant.parse(to)));
        }
        return ReplayRange.all();
    }

    private static long nanos(final Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private void summary(final ReplayResult result, final ReplayRange range, final ViewBuilder builder,
        final PrintStream err)
    {
        final double seconds = result.elapsedNanos() / 1e9;
        err.printf("replay:           %s view, %s, %s%n", view, range, out == null ? "to stdout" : "to " + out);
        err.printf("entries read:     %,d of %,d in the journal (the core replays from genesis)%n",
            result.entriesRead(), result.journalLastSequence());
        if (result.entriesInRange() == 0)
        {
            err.println("in range:         none (the report is empty)");
        }
        else
        {
            err.printf("in range:         %,d entries, sequences %d..%d, %s .. %s%n", result.entriesInRange(),
                result.firstSequence(), result.lastSequence(), ReportText.instant(result.firstTimestamp()),
                ReportText.instant(result.lastTimestamp()));
        }
        err.printf("elapsed:          %.2f s (set-up %.2f s: journal open, core's stores allocated), %,.0f entries/s " +
            "after set-up%n", seconds, result.setUpNanos() / 1e9, result.entriesPerSecondAfterSetUp());
        err.print(builder.summary());
    }

    /** Redraws one line on stderr: a bar, the percentage and the entries read. */
    private static final class ProgressBar implements ReplayProgress
    {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final boolean quiet;
        private boolean drawn;

        ProgressBar(final PrintStream err, final boolean quiet)
        {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void onProgress(final long done, final long total)
        {
            if (quiet || total <= 0)
            {
                return;
            }
            final int filled = (int)Math.min(WIDTH, done * WIDTH / total);
            err.printf("\r[%s%s] %3d%% %,d / %,d entries", "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.min(100, done * 100 / total), done, total);
            drawn = true;
        }

        @Override
        public void readDone()
        {
            end();
        }

        void end()
        {
            if (drawn)
            {
                err.println();
                drawn = false;
            }
        }
    }
}
