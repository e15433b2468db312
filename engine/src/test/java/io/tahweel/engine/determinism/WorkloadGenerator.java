package io.tahweel.engine.determinism;

import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.ParticipantStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible workload for the switch: a genesis (currencies, participants, 200 cards,
 * funding) and then a stream of mixed traffic. The same seed always gives the same bytes.
 * <p>
 * The generator does not know the core's answers (the live run is asynchronous); it refers back
 * to messages it generated earlier, so completions, reversals, posts and voids hit originals in
 * every state: live, completed, reversed, expired, declined, unknown. Ledger transfers between
 * the {@link #LEDGER_EGP ledger-only accounts} carry a {@link Transfer} descriptor so that
 * {@link LedgerModel} can predict their results; nothing else touches those accounts.
 */
final class WorkloadGenerator
{
    static final int EGP = 818;
    static final int USD = 840;
    static final int BANK = 1;
    static final int ACQUIRER = 2;
    static final int REMOTE_BANK = 3;
    static final int SECOND_ACQUIRER = 4;
    static final int WALLET = 5;
    static final long HOLD_TIMEOUT_SECONDS = 900;
    static final int CARD_COUNT = 200;
    static final long CARD_ACCOUNT_BASE = 100_000;
    static final long BANK_SETTLEMENT = 9001;
    static final long ACQUIRER_SETTLEMENT = 9002;
    static final long SECOND_ACQUIRER_SETTLEMENT = 9004;
    static final long OPERATOR = 9999;
    static final long FUND_EGP = 599_999;
    static final long FUND_USD = 699_999;
    /** Accounts only modeled ledger transfers touch; the first of each currency is the unconstrained funding source. */
    static final long[] LEDGER_EGP = {FUND_EGP, 500_001, 500_002, 500_003, 500_004, 500_005, 500_006};
    static final long[] LEDGER_USD = {FUND_USD, 600_001, 600_002, 600_003};
    static final long CREDIT_LIMIT_ACCOUNT = 500_001;
    static final long CREDIT_LIMIT = 50_000;
    static final int EXPIRY = 2812;

    /** What one generated command is, for the model and for statistics. */
    enum Kind
    {
        ADMIN, FUNDING, AUTHORIZE, REPEAT, DUPLICATE, COMPLETE, REVERSE, RETRANSMIT, LEDGER, TOP_UP, TICK
    }

    /** A modeled ledger transfer as requested (timeout in seconds, as on the wire). */
    record Transfer(long id, long debit, long credit, long amount, int currency, int flags, long pendingId,
        long timeoutSeconds)
    {
        boolean isPostOrVoid()
        {
            return (flags & (POST | VOID)) != 0;
        }
    }

    /** One entry as the producer publishes it; {@code jumpNanos} is extra clock advance before a tick. */
    record Command(byte[] bytes, Kind kind, Transfer transfer, long jumpNanos)
    {
    }

    static final int PENDING = 1;
    static final int POST = 2;
    static final int VOID = 4;

    private record Card(String pan, long account)
    {
    }

    private record Message(int acquirer, int stan, long dateTime, String rrn, long amount, byte[] bytes, boolean dual,
        String pan)
    {
    }

    private static final int RECENT = 300;
    private static final int CLOSE = 25;

    private final Random random;
    private final TestCommands commands = new TestCommands();
    private final List<Card> cards = new ArrayList<>();
    private final List<Message> authorizations = new ArrayList<>();
    private final List<byte[]> advices = new ArrayList<>();
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Transfer> pendings = new ArrayList<>();
    private final int[] reactivateAt = new int[WALLET + 1];
    private long nextTransferId = 10_000;
    private int nextStan = 1;
    private long openWindow = 1;
    private boolean windowOpen = true;

    WorkloadGenerator(final long seed)
    {
        random = new Random(seed);
        for (int i = 0; i < CARD_COUNT; i++)
        {
            cards.add(new Card("400000" + String.format("%010d", 7919L * (i + 1)), CARD_ACCOUNT_BASE + i));
        }
    }

    /** The bootstrap: only admin commands and funding transfers, all of which the core accepts. */
    List<Command> genesis()
    {
        final List<Command> out = new ArrayList<>();
        admin(out, commands.enableCurrency(EGP, 2));
        admin(out, commands.enableCurrency(USD, 2));
        admin(out, commands.addParticipant(BANK, true, true, IssuingMode.HOSTED, HOLD_TIMEOUT_SECONDS, "NILE_BANK"));
        admin(out, commands.addParticipant(ACQUIRER, false, true, IssuingMode.HOSTED, 0, "DELTA_PAY"));
        admin(out, commands.addParticipant(REMOTE_BANK, true, false, IssuingMode.REMOTE, 1_800, "REMOTE_BANK"));
        admin(out, commands.addParticipant(SECOND_ACQUIRER, false, true, IssuingMode.HOSTED, 0, "SINAI_ACQ"));
        admin(out, commands.addParticipant(WALLET, true, false, IssuingMode.HOSTED, 600, "WALLET_PSP"));
        admin(out, commands.openAccount(BANK_SETTLEMENT, BANK, EGP, false, AccountKind.SETTLEMENT, 0));
        admin(out, commands.openAccount(ACQUIRER_SETTLEMENT, ACQUIRER, EGP, false, AccountKind.SETTLEMENT, 0));
        admin(out, commands.openAccount(SECOND_ACQUIRER_SETTLEMENT, SECOND_ACQUIRER, EGP, false, AccountKind.SETTLEMENT, 0));
        admin(out, commands.openAccount(OPERATOR, BANK, EGP, false, AccountKind.OPERATOR, 0));
        openLedgerAccounts(out, LEDGER_EGP, EGP);
        openLedgerAccounts(out, LEDGER_USD, USD);
        admin(out, commands.addBinRoute(BANK, "400000"));
        admin(out, commands.addBinRoute(REMOTE_BANK, "45671234"));
        for (int i = 0; i < cards.size(); i++)
        {
            final Card card = cards.get(i);
            admin(out, commands.openAccount(card.account(), BANK, EGP, true, AccountKind.CUSTOMER, 0));
            final CardStatus status = i % 17 == 5 ? CardStatus.BLOCKED : i % 23 == 7 ? CardStatus.LOST : CardStatus.ACTIVE;
            admin(out, commands.issueCard(card.pan(), card.account(), BANK, EXPIRY, status, 20_000 + 30_000L * (i % 3),
                5 + i % 26, 100_000 + 1_000L * (i % 300)));
        }
        long fundingId = 1;
        for (int i = 0; i < cards.size(); i++)
        {
            out.add(new Command(commands.transfer(fundingId++, OPERATOR, cards.get(i).account(),
                20_000 + random.nextInt(600_000), EGP, 0, 0, 0), Kind.FUNDING, null, 0));
        }
        fundLedger(out, LEDGER_EGP, EGP);
        fundLedger(out, LEDGER_USD, USD);
        admin(out, commands.openWindow(openWindow));
        return out;
    }

    private void openLedgerAccounts(final List<Command> out, final long[] accounts, final int currency)
    {
        admin(out, commands.openAccount(accounts[0], WALLET, currency, false, AccountKind.OPERATOR, 0));
        for (int i = 1; i < accounts.length; i++)
        {
            final long limit = accounts[i] == CREDIT_LIMIT_ACCOUNT ? CREDIT_LIMIT : 0;
            admin(out, commands.openAccount(accounts[i], WALLET, currency, true, AccountKind.CUSTOMER, limit));
        }
    }

    private void fundLedger(final List<Command> out, final long[] accounts, final int currency)
    {
        for (int i = 1; i < accounts.length; i++)
        {
            out.add(ledger(new Transfer(nextTransferId++, accounts[0], accounts[i], 100_000 + random.nextInt(400_000),
                currency, 0, 0, 0)));
        }
    }

    private static void admin(final List<Command> out, final byte[] bytes)
    {
        out.add(new Command(bytes, Kind.ADMIN, null, 0));
    }

    /** {@code count} traffic commands following the genesis. */
    List<Command> traffic(final int count)
    {
        final List<Command> out = new ArrayList<>(count);
        for (int step = 0; step < count; step++)
        {
            out.add(next(step));
        }
        return out;
    }

    private Command next(final int step)
    {
        for (int participant = 1; participant < reactivateAt.length; participant++)
        {
            if (reactivateAt[participant] != 0 && reactivateAt[participant] <= step)
            {
                reactivateAt[participant] = 0;
                return new Command(commands.setParticipantStatus(participant, ParticipantStatus.ACTIVE), Kind.ADMIN,
                    null, 0);
            }
        }
        final int r = random.nextInt(1000);
        if (r < 330 || authorizations.isEmpty())
        {
            return authorize();
        }
        if (r < 360)
        {
            final Message m = recent(authorizations);
            return new Command(commands.authorize(m.acquirer(), m.stan(), m.dateTime(), m.rrn(), m.pan(), m.amount(), EGP,
                EXPIRY, m.dual() ? CaptureMode.DUAL_MESSAGE : CaptureMode.SINGLE_MESSAGE, true), Kind.REPEAT, null, 0);
        }
        if (r < 380)
        {
            return new Command(recent(authorizations).bytes(), Kind.DUPLICATE, null, 0);
        }
        if (r < 500)
        {
            return complete();
        }
        if (r < 600)
        {
            return reverse();
        }
        if (r < 615 && !advices.isEmpty())
        {
            return new Command(advices.get(advices.size() - 1 - random.nextInt(Math.min(RECENT, advices.size()))),
                Kind.RETRANSMIT, null, 0);
        }
        if (r < 800)
        {
            return ledger(ledgerTransfer());
        }
        if (r < 815)
        {
            final Card card = cards.get(random.nextInt(cards.size()));
            return new Command(commands.transfer(nextTransferId++, OPERATOR, card.account(), 50_000 + random.nextInt(200_000),
                EGP, 0, 0, 0), Kind.TOP_UP, null, 0);
        }
        if (r < 830)
        {
            return adminChange(step);
        }
        final long jump = random.nextInt(10) == 0 ? (60 + random.nextInt(1_140)) * 1_000_000_000L : 0;
        return new Command(commands.tick(), Kind.TICK, null, jump);
    }

    private Command authorize()
    {
        final int p = random.nextInt(100);
        final String pan;
        if (p < 90)
        {
            pan = cards.get(random.nextInt(cards.size())).pan();
        }
        else if (p < 95)
        {
            pan = "400000" + String.format("%010d", 9_000_000_000L + random.nextInt(1_000));
        }
        else if (p < 98)
        {
            pan = "4567123400001111";
        }
        else
        {
            pan = "5100000000000008";
        }
        final int a = random.nextInt(100);
        final int acquirer = a < 55 ? ACQUIRER : a < 85 ? SECOND_ACQUIRER : a < 97 ? BANK : REMOTE_BANK;
        final int x = random.nextInt(100);
        final long amount = x < 2 ? 0 : x < 8 ? 80_001 + random.nextInt(50_000) : 1 + random.nextInt(40_000);
        final int expiry = random.nextInt(50) == 0 ? 2901 : random.nextBoolean() ? EXPIRY : 0;
        final boolean dual = random.nextInt(4) != 0;
        final int stan = nextStan++;
        final long dateTime = 1_125_000_000L + stan;
        final String rrn = String.format("%012d", stan);
        final byte[] bytes = commands.authorize(acquirer, stan, dateTime, rrn, pan, amount, EGP, expiry,
            dual ? CaptureMode.DUAL_MESSAGE : CaptureMode.SINGLE_MESSAGE, false);
        authorizations.add(new Message(acquirer, stan, dateTime, rrn, amount, bytes, dual, pan));
        return new Command(bytes, Kind.AUTHORIZE, null, 0);
    }

    private Command complete()
    {
        final Message original = random.nextInt(20) == 0 ? unknownOriginal() : recent(authorizations, CLOSE);
        final int x = random.nextInt(100);
        final long amount = x < 50 ? original.amount() : x < 80 ? Math.max(1, original.amount() / 2) :
            x < 92 ? original.amount() + 1 : 0;
        final int stan = nextStan++;
        final byte[] bytes = commands.complete(original.acquirer(), stan, 1_125_000_000L + stan, original.stan(),
            original.dateTime(), original.rrn(), amount);
        advices.add(bytes);
        return new Command(bytes, Kind.COMPLETE, null, 0);
    }

    private Command reverse()
    {
        final Message original = random.nextInt(20) == 0 ? unknownOriginal() : recent(authorizations, CLOSE);
        final int x = random.nextInt(100);
        final long replacement = x < 60 ? 0 : x < 90 ? original.amount() / 3 : original.amount();
        final int stan = nextStan++;
        final byte[] bytes = commands.reverse(original.acquirer(), stan, 1_125_000_000L + stan, original.stan(),
            original.dateTime(), original.rrn(), replacement);
        advices.add(bytes);
        return new Command(bytes, Kind.REVERSE, null, 0);
    }

    private Message unknownOriginal()
    {
        final int stan = 900_000_000 + random.nextInt(1_000_000);
        return new Message(ACQUIRER, stan, 1_125_000_000L + stan, String.format("%012d", stan), 1_000, null, true, null);
    }

    private Transfer ledgerTransfer()
    {
        final int x = random.nextInt(100);
        final long[] accounts = random.nextInt(4) == 0 ? LEDGER_USD : LEDGER_EGP;
        final int currency = accounts == LEDGER_USD ? USD : EGP;
        if (x < 35 || (x >= 80 && x < 94 && transfers.isEmpty()))
        {
            return newTransfer(accounts, currency, 0, 0);
        }
        if (x < 55 || (x < 80 && pendings.isEmpty()))
        {
            return newTransfer(accounts, currency, PENDING, 30 + random.nextInt(1_770));
        }
        if (x < 70)
        {
            final Transfer p = recent(pendings, CLOSE);
            final int y = random.nextInt(10);
            final long amount = y < 3 ? 0 : y < 6 ? Math.max(1, p.amount() / 2) : y < 9 ? p.amount() : p.amount() + 1;
            return record(new Transfer(nextTransferId++, 0, 0, amount, 0, POST, p.id(), 0));
        }
        if (x < 80)
        {
            final Transfer p = recent(pendings, CLOSE);
            final int y = random.nextInt(10);
            final long amount = y < 6 ? 0 : y < 9 ? p.amount() : p.amount() - 1;
            return record(new Transfer(nextTransferId++, 0, 0, amount, 0, VOID, p.id(), 0));
        }
        if (x < 90)
        {
            return recent(transfers);
        }
        if (x < 94)
        {
            final Transfer t = recent(transfers);
            return new Transfer(t.id(), t.debit(), t.credit(), t.amount() + 1, t.currency(), t.flags(), t.pendingId(),
                t.timeoutSeconds());
        }
        if (x < 97)
        {
            return record(new Transfer(nextTransferId++, LEDGER_EGP[1 + random.nextInt(LEDGER_EGP.length - 1)],
                LEDGER_USD[1 + random.nextInt(LEDGER_USD.length - 1)], 100, EGP, 0, 0, 0));
        }
        if (x < 98)
        {
            return record(new Transfer(nextTransferId++, accounts[0], accounts[1], 0, currency, 0, 0, 0));
        }
        if (x < 99)
        {
            return record(new Transfer(nextTransferId++, 0, 0, 0, 0, POST, 77_000_000L + random.nextInt(1000), 0));
        }
        return record(new Transfer(nextTransferId++, 0, 0, 0, 0, VOID, recent(transfers).id(), 0));
    }

    private Transfer newTransfer(final long[] accounts, final int currency, final int flags, final long timeoutSeconds)
    {
        final int from = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(accounts.length - 1);
        int to = 1 + random.nextInt(accounts.length - 1);
        if (to == from)
        {
            to = to == accounts.length - 1 ? 1 : to + 1;
        }
        final long amount = random.nextInt(10) == 0 ? 200_000 + random.nextInt(400_000) : 1 + random.nextInt(60_000);
        final Transfer t = record(new Transfer(nextTransferId++, accounts[from], accounts[to], amount, currency, flags, 0,
            timeoutSeconds));
        if (flags == PENDING)
        {
            pendings.add(t);
        }
        return t;
    }

    private Transfer record(final Transfer transfer)
    {
        transfers.add(transfer);
        return transfer;
    }

    private Command ledger(final Transfer t)
    {
        return new Command(commands.transfer(t.id(), t.debit(), t.credit(), t.amount(), t.currency(), t.flags(),
            t.pendingId(), t.timeoutSeconds()), Kind.LEDGER, t, 0);
    }

    private Command adminChange(final int step)
    {
        final int x = random.nextInt(100);
        if (x < 40)
        {
            final int s = random.nextInt(20);
            final CardStatus status = s < 12 ? CardStatus.ACTIVE : s < 15 ? CardStatus.BLOCKED : s < 17 ? CardStatus.LOST :
                s < 19 ? CardStatus.STOLEN : CardStatus.CLOSED;
            return adminCommand(commands.setCardStatus(cards.get(random.nextInt(cards.size())).pan(), status));
        }
        if (x < 70)
        {
            return adminCommand(commands.setCardLimits(cards.get(random.nextInt(cards.size())).pan(),
                5_000 + random.nextInt(80_000), 1 + random.nextInt(30), 20_000 + random.nextInt(300_000)));
        }
        if (x < 85)
        {
            final int participant = random.nextBoolean() ? SECOND_ACQUIRER : BANK;
            if (reactivateAt[participant] == 0)
            {
                reactivateAt[participant] = step + 20 + random.nextInt(participant == BANK ? 60 : 200);
                return adminCommand(commands.setParticipantStatus(participant, ParticipantStatus.SUSPENDED));
            }
            return adminCommand(commands.setCardStatus("4000009999999999", CardStatus.BLOCKED));
        }
        if (x < 95)
        {
            if (windowOpen)
            {
                windowOpen = false;
                return adminCommand(commands.closeWindow(openWindow));
            }
            windowOpen = true;
            return adminCommand(commands.openWindow(++openWindow));
        }
        // Refused on purpose: a window id that does not increase, or closing a window that is not the open one.
        return adminCommand(random.nextBoolean() ? commands.openWindow(openWindow) : commands.closeWindow(openWindow + 1));
    }

    private static Command adminCommand(final byte[] bytes)
    {
        return new Command(bytes, Kind.ADMIN, null, 0);
    }

    private <T> T recent(final List<T> list)
    {
        return recent(list, RECENT);
    }

    /** One of the last {@code window} elements: small windows hit originals that are still live. */
    private <T> T recent(final List<T> list, final int window)
    {
        return list.get(list.size() - 1 - random.nextInt(Math.min(window, list.size())));
    }
}
