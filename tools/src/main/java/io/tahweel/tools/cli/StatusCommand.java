package io.tahweel.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tahweel status}: a running node's status through its admin interface. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "Prints a running node's status from its admin interface (GET /status): last answered sequence,",
        "open settlement window and, for a replicated node, role, epoch, replication mode, whether the peer",
        "is alive and the journal sequence (docs/operations.md, High availability).",
        "Exit code: 0 answered, 1 refused, 2 admin interface unreachable."})
public final class StatusCommand implements Callable<Integer>
{
    @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:7070",
        description = "The node's admin interface. Default: ${DEFAULT-VALUE}.")
    String admin;

    @Option(names = "--json", description = "Print the node's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException
    {
        return AdminCall.run("status", admin, "GET", "/status", json, System.out, System.err);
    }
}
