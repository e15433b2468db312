package io.tahweel.engine.node;

/** The bootstrap commands were refused by the core; the node did not start and wrote nothing. */
public final class GenesisRejectedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int commandIndex;
    private final String result;

    public GenesisRejectedException(final int commandIndex, final String result)
    {
        super("bootstrap command #" + (commandIndex + 1) + " rejected: " + result);
        this.commandIndex = commandIndex;
        this.result = result;
    }

    /** Zero-based index of the first refused command in the list given to the node. */
    public int commandIndex()
    {
        return commandIndex;
    }

    /** The core's result code name, e.g. UNKNOWN_PARTICIPANT. */
    public String result()
    {
        return result;
    }
}
