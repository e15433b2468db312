package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.replay.dump.EntryFormatter;
import io.tahweel.replay.verify.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tahweel journal dump|verify}: look inside a node's journal without a running node. */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Inspect a node's journal (read-only).",
    subcommands = { JournalCommand.Dump.class, JournalCommand.Verify.class })
public final class JournalCommand
{
    /** Prints entries, one line each; card numbers appear only as BIN + last 4. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints journal entries one per line (cards masked: first 6 and last 4 digits).")
    static final class Dump implements Callable<Integer>
    {
        @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The node's data directory.")
        Path dataDirectory;

        @Option(names = "--from", defaultValue = "1", description = "First sequence. Default: ${DEFAULT-VALUE}.")
        long from;

        @Option(names = "--to", defaultValue = "" + Long.MAX_VALUE, description = "Last sequence. Default: the end.")
        long to;

        @Override
        public Integer call()
        {
            final EntryFormatter formatter = new EntryFormatter();
            final PrintStream out = System.out;
            try (Journal journal = openReadOnly(dataDirectory))
            {
                final long last = Math.min(to, journal.lastSequence());
                journal.readRange(from, last, (buffer, offset, length, sequence) ->
                    out.println(formatter.format(buffer, offset, length)));
            }
            out.flush();
            return 0;
        }
    }

    /** Replays from genesis and from the latest snapshot; non-zero exit unless the hashes agree. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Replays the journal from genesis and from the latest snapshot + tail, compares the two state",
            "hashes and checks the ledger's invariants. Exit code 0 only if everything agrees."})
    static final class Verify implements Callable<Integer>
    {
        @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The node's data directory.")
        Path dataDirectory;

        @Override
        public Integer call()
        {
            final JournalVerifier.Report report = new JournalVerifier(new CoreContext()).verify(dataDirectory);
            print(report, System.out);
            return report.ok() ? 0 : 1;
        }
    }

    static void print(final JournalVerifier.Report report, final PrintStream out)
    {
        out.printf("entries:          %,d%n", report.entries());
        out.printf("from genesis:     %s%n", report.genesisHash().hex());
        out.printf("snapshot+tail:    %s (snapshot at sequence %d)%n", report.snapshotHash().hex(),
            report.snapshotSequence());
        out.printf("ledger invariants: %s%n", report.invariantViolation() == null ? "hold" : report.invariantViolation());
        out.printf("verify:           %s (%.2f s)%n", report.ok() ? "OK" : "MISMATCH", report.elapsedNanos() / 1e9);
    }

    static Journal openReadOnly(final Path dataDirectory)
    {
        return new Journal(new JournalContext().directory(dataDirectory.resolve("journal")).readOnly(true));
    }
}
