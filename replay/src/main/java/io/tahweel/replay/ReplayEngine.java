package io.tahweel.replay;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.core.UnsupportedEntryException;
import io.tahweel.journal.EntryHandler;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.JournalCorruptedException;
import io.tahweel.replay.view.ViewBuilder;
import io.tahweel.replay.view.WindowTracker;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds views from a node's journal: a fresh {@link SwitchCore} applies every entry from
 * genesis, so each outcome is re-derived exactly as the node derived it, and the entries inside
 * the requested {@link ReplayRange} are fed with their outcomes to the views (earlier ones as
 * context). Streamed in chunks through the journal's flyweight reader: memory is the core's
 * pre-sized state plus what the views aggregate, whatever the journal's length.
 * <p>
 * The journal is opened read-only, so replay runs on a copy or beside a running node without
 * disturbing it (it reads up to the last entry complete when it started).
 * <p>
 * It never reports past a place it could not re-derive: a gap, a damaged entry, an entry this
 * build cannot apply (newer schema, unknown type), or a settlement window the views and the core
 * disagree on all stop the replay with a {@link ReplayException} naming the sequence. An empty
 * range is not an error: the views write empty reports.
 */
public final class ReplayEngine
{
    /** Entries between progress callbacks; also the read chunk. */
    public static final int PROGRESS_EVERY = 65_536;

    private final CoreContext coreContext;

    public ReplayEngine(final CoreContext coreContext)
    {
        this.coreContext = coreContext;
    }

    /**
     * Replays {@code directory} (a node's data directory, or its {@code journal} directory) into
     * {@code views} and calls {@link ViewBuilder#finish()} on each at the end.
     */
    public ReplayResult replay(final Path directory, final ReplayRange range, final List<? extends ViewBuilder> views,
        final ReplayProgress progress)
    {
        return replay(System.nanoTime(), null, directory, range, views, progress);
    }

    /**
     * As {@link #replay(Path, ReplayRange, List, ReplayProgress)}, into a core the caller has already built:
     * allocating and zeroing a production core's pre-sized stores takes 0.1-0.8 s, a fixed cost of every replay
     * that a bench of a short journal must keep apart from the per-entry rate.
     *
     * @param fresh a core built with this engine's {@link CoreContext} that has applied nothing yet.
     * @throws IllegalArgumentException if {@code fresh} has applied an entry or has another context.
     */
    public ReplayResult replay(final SwitchCore fresh, final Path directory, final ReplayRange range,
        final List<? extends ViewBuilder> views, final ReplayProgress progress)
    {
        if (fresh.lastSequence() != 0 || fresh.context() != coreContext)
        {
            throw new IllegalArgumentException("replay needs a fresh core built with the engine's context; this one " +
                (fresh.lastSequence() != 0 ? "has applied up to sequence " + fresh.lastSequence() :
                "was built with another context"));
        }
        return replay(System.nanoTime(), fresh, directory, range, views, progress);
    }

    private ReplayResult replay(final long started, final SwitchCore fresh, final Path directory,
        final ReplayRange range, final List<? extends ViewBuilder> views, final ReplayProgress progress)
    {
        try (Journal journal = new Journal(new JournalContext().directory(journalDirectory(directory)).readOnly(true)))
        {
            final Feeder feeder = new Feeder(null != fresh ? fresh : new SwitchCore(coreContext), range, views);
            final long setUpNanos = System.nanoTime() - started;
            final long last = journal.lastSequence();
            final long bound = Math.min(last, range.lastSequenceBound());
            if (last > 0 && journal.firstSequence() != 1)
            {
                throw new ReplayException(1, "the journal starts at sequence " + journal.firstSequence() +
                    ", not 1: replay needs every entry from genesis", null);
            }
            long from = 1;
            while (from <= bound && !feeder.stopped)
            {
                final long to = Math.min(bound, from + PROGRESS_EVERY - 1);
                final int delivered = read(journal, from, to, feeder);
                if (!feeder.stopped && delivered != to - from + 1)
                {
                    throw new ReplayException(from + delivered, "the journal ends at sequence " + (from + delivered - 1) +
                        " but held " + last + " entries when replay started", null);
                }
                from = to + 1;
                progress.onProgress(feeder.read, bound);
            }
            progress.readDone();
            for (final ViewBuilder view : views)
            {
                view.finish();
            }
            return new ReplayResult(feeder.read, feeder.inRange, feeder.firstSequence, feeder.lastSequence,
                feeder.firstTimestamp, feeder.lastTimestamp, last, System.nanoTime() - started, setUpNanos);
        }
    }

    private static int read(final Journal journal, final long from, final long to, final EntryHandler handler)
    {
        try
        {
            return journal.readRange(from, to, handler);
        }
        catch (final JournalCorruptedException ex)
        {
            throw new ReplayException(ex.sequence(), "journal damaged at sequence " + ex.sequence() + ": " +
                ex.getMessage(), ex);
        }
    }

    /** {@code dir/journal} when it exists (a data directory), else {@code dir} itself if it holds queue files. */
    public static Path journalDirectory(final Path directory)
    {
        final Path nested = directory.resolve("journal");
        if (Files.isDirectory(nested))
        {
            return nested;
        }
        if (Files.isDirectory(directory))
        {
            try (Stream<Path> files = Files.list(directory))
            {
                if (files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4")))
                {
                    return directory;
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        throw new IllegalArgumentException("no journal in " + directory + " (expected " + nested + " or .cq4 files)");
    }

    /** Applies each entry to the core, checks the window, and hands it to the views by range position. */
    private static final class Feeder implements EntryHandler
    {
        private final SwitchCore core;
        private final ReplayRange range;
        private final ViewBuilder[] views;
        private final Outcome outcome = new Outcome();
        private final WindowTracker tracker = new WindowTracker();
        private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
        boolean stopped;
        long read;
        long inRange;
        long firstSequence;
        long lastSequence;
        long firstTimestamp;
        long lastTimestamp;

        Feeder(final SwitchCore core, final ReplayRange range, final List<? extends ViewBuilder> views)
        {
            this.core = core;
            this.range = range;
            this.views = views.toArray(new ViewBuilder[0]);
        }

        @Override
        public void onEntry(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            if (stopped)
            {
                return;
            }
            final long windowBefore = tracker.openWindowId();
            apply(buffer, offset, length, sequence);
            read++;
            final long timestamp = entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH).timestamp();
            switch (range.position(sequence, timestamp, windowBefore))
            {
                case BEFORE:
                    for (final ViewBuilder view : views)
                    {
                        view.onEarlierEntry(buffer, offset, length, outcome);
                    }
                    break;
                case INSIDE:
                    for (final ViewBuilder view : views)
                    {
                        view.onEntry(buffer, offset, length, outcome);
                    }
                    if (inRange++ == 0)
                    {
                        firstSequence = sequence;
                        firstTimestamp = timestamp;
                    }
                    lastSequence = sequence;
                    lastTimestamp = timestamp;
                    break;
                default:
                    stopped = true;
            }
        }

        private void apply(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            try
            {
                core.onEntry(buffer, offset, length, outcome);
            }
            catch (final UnsupportedEntryException ex)
            {
                throw new ReplayException(ex.sequence(), ex.getMessage(), ex);
            }
            catch (final RuntimeException ex)
            {
                throw new ReplayException(sequence, "the core failed on journal entry at sequence " + sequence + ": " +
                    ex, ex);
            }
            tracker.onEntry(buffer, offset, length, outcome);
            if (tracker.openWindowId() != core.windows().openWindowId())
            {
                throw new ReplayException(sequence, "settlement window followed from the journal (" +
                    tracker.openWindowId() + ") disagrees with the core (" + core.windows().openWindowId() +
                    ") after sequence " + sequence + "; the settlement report would be wrong", null);
            }
        }
    }
}
