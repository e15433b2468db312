package io.tahweel.journal.replication;

/**
 * Replication cannot continue without risking a journal that differs from the primary's: an entry
 * out of epoch order, a sequence that disagrees with its frame, a publication closed under us. The
 * component that throws it stops and keeps the exception for whoever supervises it.
 */
public final class ReplicationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ReplicationException(final String message)
    {
        super(message);
    }
}
