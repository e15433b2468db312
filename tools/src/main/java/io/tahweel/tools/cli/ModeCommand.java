package io.tahweel.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code tahweel mode solo|async|sync}: switches a primary's replication mode through its admin interface. */
@Command(name = "mode", mixinStandardHelpOptions = true,
    description = {
        "Switches a PRIMARY's replication mode through its admin interface (POST /mode?to=...).",
        "solo: answers no longer wait for a standby (use when the standby is lost for good and the",
        "switch must keep serving: answers from then on survive only on this node); sync: every answer",
        "waits for a standby's journal (no new work while none is alive); async: ship, do not wait.",
        "Exit code: 0 done, 1 refused (not a replicating primary), 2 admin interface unreachable."})
public final class ModeCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "MODE", description = "solo, async or sync.")
    String mode;

    @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:7070",
        description = "The primary's admin interface. Default: ${DEFAULT-VALUE}.")
    String admin;

    @Option(names = "--json", description = "Print the node's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException
    {
        if (!"solo".equals(mode) && !"async".equals(mode) && !"sync".equals(mode))
        {
            System.err.println("tahweel mode: MODE must be solo, async or sync, was " + mode);
            return 2;
        }
        return AdminCall.run("mode", admin, "POST", "/mode?to=" + mode, json, System.out, System.err);
    }
}
