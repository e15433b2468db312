package io.tahweel.engine.card;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.settlement.FeeSchedules;
import io.tahweel.engine.settlement.Settlement;
import io.tahweel.engine.settlement.SettlementPositions;

/**
 * Puts what a card message cleared into the open window's positions and onto the entry's
 * outcome, where the clearing and settlement views read it. One cleared item per entry.
 */
final class Clearing
{
    private final Settlement settlement;
    private final SettlementPositions positions;
    private final FeeSchedules fees;

    Clearing(final Settlement settlement)
    {
        this.settlement = settlement;
        this.positions = settlement.positions();
        this.fees = settlement.fees();
    }

    boolean hasRoom(final int issuer, final int acquirer, final int currency)
    {
        return positions.hasRoomFor(issuer, acquirer, currency);
    }

    /** Nothing cleared, but the outcome still names the acquirer and currency for reports. */
    void nothing(final int acquirer, final int currency, final Outcome out)
    {
        out.cleared(acquirer, currency, 0, 0, 0, 0, settlement.currentWindowId());
    }

    void purchase(final int issuer, final int acquirer, final int currency, final long amount, final Outcome out)
    {
        final long interchange = fees.interchange(currency, amount);
        final long acquirerFee = fees.acquirerFee(currency);
        final long issuerFee = fees.issuerFee(currency);
        positions.purchase(issuer, acquirer, currency, amount, interchange, acquirerFee, issuerFee);
        out.cleared(acquirer, currency, amount, interchange, acquirerFee, issuerFee, settlement.currentWindowId());
    }

    void refund(final int issuer, final int acquirer, final int currency, final long amount, final Outcome out)
    {
        positions.refund(issuer, acquirer, currency, amount);
        out.cleared(acquirer, currency, -amount, 0, 0, 0, settlement.currentWindowId());
    }
}
