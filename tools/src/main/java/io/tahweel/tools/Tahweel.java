package io.tahweel.tools;

import io.tahweel.tools.cli.DemoCommand;
import io.tahweel.tools.cli.DemoteCommand;
import io.tahweel.tools.cli.JournalCommand;
import io.tahweel.tools.cli.LoadCommand;
import io.tahweel.tools.cli.ModeCommand;
import io.tahweel.tools.cli.NodeCommand;
import io.tahweel.tools.cli.PromoteCommand;
import io.tahweel.tools.cli.ReplayCommand;
import io.tahweel.tools.cli.SettleCommand;
import io.tahweel.tools.cli.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code tahweel} command line. Each subcommand is a thin shell over module code. */
@Command(
    name = "tahweel",
    mixinStandardHelpOptions = true,
    version = "tahweel 0.1.0",
    description = "Tahweel national payment switch.",
    subcommands = { NodeCommand.class, DemoCommand.class, LoadCommand.class, JournalCommand.class, ReplayCommand.class,
        SettleCommand.class, StatusCommand.class, PromoteCommand.class, DemoteCommand.class, ModeCommand.class,
        CommandLine.HelpCommand.class })
public final class Tahweel
{
    /** Held so the level sticks: Chronicle reports routine housekeeping at INFO. */
    private static final Logger CHRONICLE_LOG = Logger.getLogger("net.openhft");

    public static void main(final String[] args)
    {
        CHRONICLE_LOG.setLevel(Level.WARNING);
        System.exit(new CommandLine(new Tahweel()).execute(args));
    }
}
