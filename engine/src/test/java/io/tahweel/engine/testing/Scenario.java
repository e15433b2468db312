package io.tahweel.engine.testing;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.TransferResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A small switch used across engine tests: one hosted issuer that also acquires (1), one
 * acquirer (2), one remote issuer (3), EGP (818), a funded card and a second low-limit card.
 */
public final class Scenario
{
    public static final int EGP = 818;
    public static final int HOSTED_BANK = 1;
    public static final int ACQUIRER = 2;
    public static final int REMOTE_BANK = 3;
    public static final long CARD_ACCOUNT = 1001;
    public static final long SMALL_ACCOUNT = 1002;
    public static final long BANK_SETTLEMENT = 9001;
    public static final long ACQUIRER_SETTLEMENT = 9002;
    public static final long REMOTE_SETTLEMENT = 9003;
    public static final long OPERATOR_ACCOUNT = 9999;
    public static final String CARD = "4000001234567899";
    public static final String SMALL_CARD = "4000009876543219";
    public static final String UNKNOWN_CARD = "4000005555555557";
    public static final String REMOTE_CARD = "4567123400001111";
    public static final String UNROUTED_CARD = "5100000000000008";
    public static final int EXPIRY = 2812;
    public static final long FUNDS = 100_000;
    public static final long SMALL_FUNDS = 5_000;
    public static final long PER_TRANSACTION = 50_000;
    public static final int DAILY_COUNT = 5;
    public static final long DAILY_AMOUNT = 120_000;
    public static final long HOLD_TIMEOUT_SECONDS = 3_600;

    private Scenario()
    {
    }

    /** The admin and funding commands of the scenario, in order. */
    public static List<byte[]> genesis(final TestCommands commands)
    {
        final List<byte[]> entries = new ArrayList<>();
        entries.add(commands.enableCurrency(EGP, 2));
        entries.add(commands.addParticipant(HOSTED_BANK, true, true, IssuingMode.HOSTED, HOLD_TIMEOUT_SECONDS, "NILE_BANK"));
        entries.add(commands.addParticipant(ACQUIRER, false, true, IssuingMode.HOSTED, 0, "DELTA_PAY"));
        entries.add(commands.addParticipant(REMOTE_BANK, true, false, IssuingMode.REMOTE, 1_800, "REMOTE_BANK"));
        entries.add(commands.openAccount(CARD_ACCOUNT, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, 0));
        entries.add(commands.openAccount(SMALL_ACCOUNT, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, 0));
        entries.add(commands.openAccount(BANK_SETTLEMENT, HOSTED_BANK, EGP, false, AccountKind.SETTLEMENT, 0));
        entries.add(commands.openAccount(ACQUIRER_SETTLEMENT, ACQUIRER, EGP, false, AccountKind.SETTLEMENT, 0));
        entries.add(commands.openAccount(REMOTE_SETTLEMENT, REMOTE_BANK, EGP, false, AccountKind.SETTLEMENT, 0));
        entries.add(commands.openAccount(OPERATOR_ACCOUNT, HOSTED_BANK, EGP, false, AccountKind.OPERATOR, 0));
        entries.add(commands.addBinRoute(HOSTED_BANK, "400000"));
        entries.add(commands.addBinRoute(REMOTE_BANK, "45671234"));
        entries.add(commands.issueCard(CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE, PER_TRANSACTION,
            DAILY_COUNT, DAILY_AMOUNT));
        entries.add(commands.issueCard(SMALL_CARD, SMALL_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE, 10_000, 2, 15_000));
        entries.add(commands.transfer(1, OPERATOR_ACCOUNT, CARD_ACCOUNT, FUNDS, EGP, 0, 0, 0));
        entries.add(commands.transfer(2, OPERATOR_ACCOUNT, SMALL_ACCOUNT, SMALL_FUNDS, EGP, 0, 0, 0));
        entries.add(commands.openWindow(1));
        return entries;
    }

    /** A driver whose core has applied the scenario's genesis; fails if any command is refused. */
    public static CoreDriver driver(final TestCommands commands)
    {
        return driver(commands, new CoreContext());
    }

    public static CoreDriver driver(final TestCommands commands, final CoreContext context)
    {
        final CoreDriver driver = new CoreDriver(context);
        for (final byte[] entry : genesis(commands))
        {
            final Outcome outcome = driver.apply(entry);
            final boolean ok = outcome.type() == Outcome.ADMIN ? outcome.result() == AdminResult.OK.value() :
                outcome.result() == TransferResult.OK.value();
            if (!ok)
            {
                throw new IllegalStateException("scenario genesis refused: " + outcome);
            }
        }
        return driver;
    }
}
