package io.tahweel.bench.support;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.card.Luhn;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.TransferResult;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The genesis state every benchmark starts from, built the way a real node builds it: bootstrap
 * text (docs/configuration.md) generated in code, parsed by the real {@link BootstrapParser}
 * with the real {@link PanTokenizer}.
 * <p>
 * One hosted issuer that is also the acquirer (participant 1), a second acquirer (2), the EGP
 * currency, one BIN route {@code 400000}, and {@code cardCount} cards, each on its own customer
 * account funded with {@link #FUNDING} minor units from an operator account. Limits are set so
 * that a benchmark never hits them: per transaction {@link #PER_TRANSACTION_LIMIT}, 65535
 * approvals per card per day (the schema's maximum), daily amount {@link #DAILY_AMOUNT_LIMIT}.
 * Cards expire in December 2049.
 * <p>
 * The card data a gateway would compute for each PAN (token, prefix hashes, last 4) is kept in
 * arrays so that traffic generators need no tokenization on the measured path.
 */
public final class BenchSwitch
{
    public static final int CURRENCY = 818;
    public static final int ISSUER = 1;
    public static final int ACQUIRER = 2;
    public static final String BIN = "400000";
    public static final int BIN_NUMBER = 400000;
    public static final int PAN_LENGTH = 16;
    public static final int EXPIRY = 4912;
    public static final long FUNDING = 10_000_000_000_000L;
    public static final long PER_TRANSACTION_LIMIT = 1_000_000L;
    public static final int DAILY_COUNT_LIMIT = 65_535;
    public static final long DAILY_AMOUNT_LIMIT = 1_000_000_000_000L;
    /** 2026-11-25T12:00:00Z: the journal time the core-only bench starts at. */
    public static final long START_NANOS = 1_795_608_000_000_000_000L;

    private static final long FIRST_CARD_ACCOUNT = 100_000;
    private static final byte[] KEY = "tahweel-bench-k1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final int cardCount;
    private final long[] tokens;
    private final long[][] prefixHashes;
    private final int[] last4s;
    private final List<byte[]> genesis;

    public BenchSwitch(final int cardCount)
    {
        if (cardCount < 1 || cardCount > 999_999_999)
        {
            throw new IllegalArgumentException("cardCount " + cardCount);
        }
        this.cardCount = cardCount;
        final PanTokenizer tokenizer = new PanTokenizer(KEY);
        tokens = new long[cardCount];
        prefixHashes = new long[cardCount][PanTokenizer.PREFIX_HASH_COUNT];
        last4s = new int[cardCount];

        final StringBuilder text = new StringBuilder(cardCount * 300);
        text.append("currency code=").append(CURRENCY).append(" minor-units=2\n");
        text.append("participant id=").append(ISSUER)
            .append(" name=BENCH_BANK roles=issuer,acquirer issuing=hosted hold-timeout=7d status=active\n");
        text.append("participant id=").append(ACQUIRER).append(" name=BENCH_ACQ roles=acquirer\n");
        text.append("account id=9001 participant=1 currency=818 kind=settlement\n");
        text.append("account id=9002 participant=2 currency=818 kind=settlement\n");
        text.append("account id=9999 participant=1 currency=818 kind=operator\n");
        text.append("route prefix=").append(BIN).append(" issuer=").append(ISSUER).append('\n');
        for (int i = 0; i < cardCount; i++)
        {
            final String pan = pan(i);
            final byte[] digits = pan.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            tokens[i] = tokenizer.token(digits, 0, digits.length);
            tokenizer.prefixHashes(digits, 0, digits.length, prefixHashes[i]);
            last4s[i] = Integer.parseInt(pan.substring(PAN_LENGTH - 4));
            final long account = FIRST_CARD_ACCOUNT + i;
            text.append("account id=").append(account)
                .append(" participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=0\n");
            text.append("card pan=").append(pan).append(" account=").append(account).append(" issuer=1 expiry=")
                .append(EXPIRY).append(" status=active per-transaction=").append(PER_TRANSACTION_LIMIT)
                .append(" daily-count=").append(DAILY_COUNT_LIMIT).append(" daily-amount=").append(DAILY_AMOUNT_LIMIT)
                .append('\n');
            text.append("transfer id=").append(i + 1).append(" debit=9999 credit=").append(account)
                .append(" amount=").append(FUNDING).append(" currency=818\n");
        }
        text.append("window id=1\n");

        try
        {
            final List<EncodedCommand> commands =
                new BootstrapParser(tokenizer, "bench:genesis").parse("bench-genesis", new StringReader(text.toString()));
            genesis = new ArrayList<>(commands.size());
            for (final EncodedCommand command : commands)
            {
                genesis.add(command.bytes());
            }
        }
        catch (final IOException | io.tahweel.gateways.admin.BootstrapException ex)
        {
            throw new IllegalStateException("bench genesis refused by the bootstrap parser", ex);
        }
    }

    /** A 16-digit test PAN: BIN 400000, 9 digits of the index, Luhn check digit. */
    public static String pan(final int index)
    {
        final String payload = BIN + String.format("%09d", index);
        return payload + Luhn.checkDigit(payload);
    }

    public int cardCount()
    {
        return cardCount;
    }

    public long token(final int card)
    {
        return tokens[card];
    }

    public long[] prefixHashes(final int card)
    {
        return prefixHashes[card];
    }

    public int last4(final int card)
    {
        return last4s[card];
    }

    /** Encoded admin commands (unstamped), in bootstrap order, for {@code SwitchNode.start}. */
    public List<byte[]> genesis()
    {
        return genesis;
    }

    /**
     * A core with the genesis applied at {@code START_NANOS}, entries stamped 1..n as the
     * journaler would; fails if the core refuses any of them.
     */
    public SwitchCore newCore(final CoreContext context)
    {
        final SwitchCore core = new SwitchCore(context);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        final EntryHeaderEncoder header = new EntryHeaderEncoder();
        final Outcome outcome = new Outcome();
        long sequence = 0;
        for (final byte[] command : genesis)
        {
            buffer.putBytes(0, command);
            header.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).sequence(++sequence).timestamp(START_NANOS).epoch(1);
            core.onEntry(buffer, 0, command.length, outcome);
            final boolean ok = outcome.type() == Outcome.ADMIN ? outcome.result() == AdminResult.OK.value() :
                outcome.type() != Outcome.TRANSFER || outcome.result() == TransferResult.OK.value();
            if (!ok)
            {
                throw new IllegalStateException("genesis entry " + sequence + " refused: " + outcome);
            }
        }
        return core;
    }
}
