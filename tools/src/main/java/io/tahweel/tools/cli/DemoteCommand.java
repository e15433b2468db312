package io.tahweel.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tahweel demote}: operator step-down of a primary through its admin interface. */
@Command(name = "demote", mixinStandardHelpOptions = true,
    description = {
        "Steps a PRIMARY node down through its admin interface (POST /demote): it fences (no new work, no",
        "answer released), closes, and rejoins as standby of whichever node is primary, discarding its",
        "unacknowledged tail. Refused (exit 1) unless the node is a PRIMARY. For a planned switchover prefer",
        "'tahweel promote' on the standby: the old primary then steps down by itself.",
        "Exit code: 0 done (see 'completed'), 1 refused, 2 admin interface unreachable."})
public final class DemoteCommand implements Callable<Integer>
{
    @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:7070",
        description = "The primary's admin interface. Default: ${DEFAULT-VALUE}.")
    String admin;

    @Option(names = "--json", description = "Print the node's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException
    {
        return AdminCall.run("demote", admin, "POST", "/demote", json, System.out, System.err);
    }
}
