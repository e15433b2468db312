package io.tahweel.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tahweel promote}: operator promotion of a standby through its admin interface. */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = {
        "Promotes a STANDBY node to PRIMARY through its admin interface (POST /promote): it stops following,",
        "opens a new epoch (EpochStart journaled first) and takes traffic; a live old primary hears the new",
        "epoch, fences itself and rejoins as standby. Refused (exit 1) unless the node is a STANDBY.",
        "NEVER promote both sides. Prints the node's status after the change.",
        "Exit code: 0 done (see 'completed'), 1 refused, 2 admin interface unreachable."})
public final class PromoteCommand implements Callable<Integer>
{
    @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:7070",
        description = "The standby's admin interface. Default: ${DEFAULT-VALUE}.")
    String admin;

    @Option(names = "--json", description = "Print the node's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException
    {
        return AdminCall.run("promote", admin, "POST", "/promote", json, System.out, System.err);
    }
}
