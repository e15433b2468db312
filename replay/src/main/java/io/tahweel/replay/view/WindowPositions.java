package io.tahweel.replay.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The multilateral positions of one settlement window, per participant and currency, built from
 * cleared card outcomes exactly as the core's {@code SettlementPositions} builds them: for a
 * purchase of X the issuer is debited X and receives the interchange, the acquirer is credited X
 * and pays the interchange, and each pays its switch fee; a refund of R debits the acquirer and
 * credits the issuer. Net = credits - debits + fees received - fees paid. Per currency the nets
 * plus the fees collected sum to zero. Kept sorted (currency, participant) for the report.
 */
public final class WindowPositions
{
    /** One participant's position in one currency. */
    public static final class Position
    {
        private final int participant;
        private final int currency;
        private long transactions;
        private long debits;
        private long credits;
        private long feesPaid;
        private long feesReceived;

        Position(final int participant, final int currency)
        {
            this.participant = participant;
            this.currency = currency;
        }

        public int participant()
        {
            return participant;
        }

        public int currency()
        {
            return currency;
        }

        public long transactions()
        {
            return transactions;
        }

        public long debits()
        {
            return debits;
        }

        public long credits()
        {
            return credits;
        }

        public long feesPaid()
        {
            return feesPaid;
        }

        public long feesReceived()
        {
            return feesReceived;
        }

        public long net()
        {
            return credits - debits + feesReceived - feesPaid;
        }
    }

    private long windowId;
    private long openedAtSequence;
    private long closedAtSequence;
    private long closedAtTimestamp;
    private int closedBy;
    private final TreeMap<Long, Position> positions = new TreeMap<>();
    private final TreeMap<Integer, Long> feesCollected = new TreeMap<>();
    private final TreeMap<Integer, Boolean> posted = new TreeMap<>();

    WindowPositions(final long windowId, final long openedAtSequence)
    {
        this.windowId = windowId;
        this.openedAtSequence = openedAtSequence;
    }

    void purchase(final int issuer, final int acquirer, final int currency, final long amount, final long interchange,
        final long acquirerFee, final long issuerFee)
    {
        final Position i = position(issuer, currency);
        i.debits += amount;
        i.feesReceived += interchange;
        i.feesPaid += issuerFee;
        i.transactions++;
        final Position a = position(acquirer, currency);
        a.credits += amount;
        a.feesPaid += interchange + acquirerFee;
        a.transactions++;
        feesCollected.merge(currency, acquirerFee + issuerFee, Long::sum);
    }

    void refund(final int issuer, final int acquirer, final int currency, final long amount)
    {
        final Position i = position(issuer, currency);
        i.credits += amount;
        i.transactions++;
        final Position a = position(acquirer, currency);
        a.debits += amount;
        a.transactions++;
        feesCollected.merge(currency, 0L, Long::sum);
    }

    private Position position(final int participant, final int currency)
    {
        final long key = ((long)currency << 32) | (participant & 0xFFFF_FFFFL);
        Position position = positions.get(key);
        if (position == null)
        {
            position = new Position(participant, currency);
            positions.put(key, position);
        }
        return position;
    }

    /** Window 0 (traffic before any window opened) is settled by the first window, as in the core. */
    void renumber(final long windowId, final long openedAtSequence)
    {
        this.windowId = windowId;
        this.openedAtSequence = openedAtSequence;
    }

    void close(final long sequence, final long timestamp, final int by)
    {
        closedAtSequence = sequence;
        closedAtTimestamp = timestamp;
        closedBy = by;
    }

    void posted(final int currency, final boolean willBePosted)
    {
        posted.put(currency, willBePosted);
    }

    public long windowId()
    {
        return windowId;
    }

    public long openedAtSequence()
    {
        return openedAtSequence;
    }

    public boolean isClosed()
    {
        return closedAtSequence != 0;
    }

    /** Sequence of the cut-off entry; 0 while open. */
    public long closedAtSequence()
    {
        return closedAtSequence;
    }

    public long closedAtTimestamp()
    {
        return closedAtTimestamp;
    }

    public int closedBy()
    {
        return closedBy;
    }

    public boolean isEmpty()
    {
        return positions.isEmpty();
    }

    /** Positions sorted by currency, then participant. */
    public List<Position> positions()
    {
        return Collections.unmodifiableList(new ArrayList<>(positions.values()));
    }

    /** Currencies with cleared traffic in this window, ascending. */
    public List<Integer> currencies()
    {
        return new ArrayList<>(feesCollected.keySet());
    }

    public long feesCollected(final int currency)
    {
        return feesCollected.getOrDefault(currency, 0L);
    }

    /** True when the core posts (posted, if closed) this currency's positions: it has a fee schedule. */
    public boolean isPosted(final int currency)
    {
        return posted.getOrDefault(currency, Boolean.FALSE);
    }

    /** Net positions of every participant in {@code currency}, by participant id. */
    public Map<Integer, Long> nets(final int currency)
    {
        final Map<Integer, Long> nets = new TreeMap<>();
        for (final Position position : positions.values())
        {
            if (position.currency == currency)
            {
                nets.put(position.participant, position.net());
            }
        }
        return nets;
    }
}
