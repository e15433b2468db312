package io.tahweel.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal entries as they are read.
 *
 * <p>The buffer is a flyweight owned by the reader and reused for the next entry, so reading
 * allocates nothing per entry; copy anything that must outlive the call.
 */
@FunctionalInterface
public interface EntryHandler
{
    /**
     * Called once per entry, in sequence order.
     *
     * @param buffer   holds the SBE bytes of the entry (message header first); valid only during the call.
     * @param offset   at which the entry starts in {@code buffer}.
     * @param length   of the entry in bytes.
     * @param sequence of the entry, already checked to be the one expected.
     */
    void onEntry(DirectBuffer buffer, int offset, int length, long sequence);
}
