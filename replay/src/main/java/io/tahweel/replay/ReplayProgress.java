package io.tahweel.replay;

/**
 * Told how far a replay has read, so a command line can draw a progress bar. Called on the
 * replaying thread every {@link ReplayEngine#PROGRESS_EVERY} entries and once at the end, then
 * {@link #readDone()} before the views write their reports.
 */
@FunctionalInterface
public interface ReplayProgress
{
    ReplayProgress NONE = (done, total) -> {};

    /**
     * @param entriesRead entries read so far (from genesis: the core always starts there).
     * @param entriesTotal entries the replay will read at most (the journal's last sequence, or the range end).
     */
    void onProgress(long entriesRead, long entriesTotal);

    /**
     * Reading is over (the range is read, or it stopped early) and the views are about to write
     * their reports: a progress bar ends its line here so that a report sent to the same terminal
     * starts on a line of its own.
     */
    default void readDone()
    {
    }
}
