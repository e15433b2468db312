package io.tahweel.tools.demo;

import io.tahweel.engine.command.CardCommands;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.Source;

import java.util.Random;

/**
 * A seeded mix of card traffic published straight into the ring, as a gateway would after
 * tokenizing: dual-message authorizations, single-message purchases, completions (some
 * partial), reversals (some partial), retransmissions, and requests that must be declined
 * (unknown card, a card no BIN route covers, expired card, amounts over limits or funds).
 */
public final class DemoTraffic
{
    private static final int REMEMBERED = 4096;
    private static final String TERMINAL = "TERM0001";
    private static final String MERCHANT = "MERCHANT0000001";

    private final DemoData data;
    private final long[] tokens;
    private final long[][] prefixHashes;
    private final int[] bins;
    private final int[] last4s;
    private final long unknownToken;
    private final long[] unknownHashes = new long[PanTokenizer.PREFIX_HASH_COUNT];
    private final long remoteToken;
    private final long[] remoteHashes = new long[PanTokenizer.PREFIX_HASH_COUNT];
    private final CardCommands commands = new CardCommands();
    private final Random random;

    // authorizations sent, for completions, reversals and repeats to refer to
    private final int[] sentStans = new int[REMEMBERED];
    private final long[] sentDateTimes = new long[REMEMBERED];
    private final long[] sentAmounts = new long[REMEMBERED];
    private final int[] sentCards = new int[REMEMBERED];
    private final String[] sentRrns = new String[REMEMBERED];
    private int sentCount;
    private int stan;
    private long correlationId;

    public DemoTraffic(final DemoData data, final PanTokenizer tokenizer, final long seed)
    {
        this.data = data;
        this.random = new Random(seed);
        final int cards = data.cardCount();
        tokens = new long[cards];
        prefixHashes = new long[cards][PanTokenizer.PREFIX_HASH_COUNT];
        bins = new int[cards];
        last4s = new int[cards];
        for (int i = 0; i < cards; i++)
        {
            final String pan = data.pan(i);
            tokens[i] = tokenizer.token(pan);
            tokenizer.prefixHashes(pan.getBytes(), 0, pan.length(), prefixHashes[i]);
            bins[i] = Integer.parseInt(pan.substring(0, 6));
            last4s[i] = Integer.parseInt(pan.substring(pan.length() - 4));
        }
        final String unknown = DemoData.pan("400000", 999_999_999);
        unknownToken = tokenizer.token(unknown);
        tokenizer.prefixHashes(unknown.getBytes(), 0, unknown.length(), unknownHashes);
        // In-process traffic carries no encrypted PAN, so it cannot be forwarded to a remote issuer:
        // its third kind of decline is a card no BIN route covers. Remote cards go through the socket phase.
        final String remote = DemoData.pan("510000", 340_000_001);
        remoteToken = tokenizer.token(remote);
        tokenizer.prefixHashes(remote.getBytes(), 0, remote.length(), remoteHashes);
    }

    /** Publishes one command; returns the number of entries published (always 1). */
    public int publishNext(final CommandPublisher publisher)
    {
        final CommandSlot slot = publisher.claim();
        try
        {
            slot.length(encodeNext(slot));
        }
        finally
        {
            publisher.publish(slot);
        }
        return 1;
    }

    private int encodeNext(final CommandSlot slot)
    {
        final int roll = random.nextInt(100);
        if (sentCount > 0 && roll < 12)
        {
            return completion(slot);
        }
        if (sentCount > 0 && roll < 20)
        {
            return reversal(slot);
        }
        if (sentCount > 0 && roll < 22)
        {
            return repeat(slot);
        }
        if (roll < 24)
        {
            return oddball(slot);
        }
        return authorization(slot, roll < 40 ? CaptureMode.SINGLE_MESSAGE : CaptureMode.DUAL_MESSAGE);
    }

    private int authorization(final CommandSlot slot, final CaptureMode mode)
    {
        final int card = random.nextInt(tokens.length);
        final long amount = 1_00 + random.nextInt(2_000_00);
        final int acquirer = random.nextInt(4) == 0 ? DemoData.HOSTED_BANK : DemoData.ACQUIRER;
        final int messageStan = nextStan();
        final long dateTime = dateTime(messageStan);
        final String rrn = rrn(messageStan);
        if (mode == CaptureMode.DUAL_MESSAGE && acquirer == DemoData.ACQUIRER)
        {
            final int i = sentCount++ % REMEMBERED;
            sentStans[i] = messageStan;
            sentDateTimes[i] = dateTime;
            sentAmounts[i] = amount;
            sentCards[i] = card;
            sentRrns[i] = rrn;
        }
        return commands.authorize(slot.buffer(), Source.INTERNAL, ++correlationId, acquirer, messageStan, dateTime, rrn,
            amount, DemoData.EGP, tokens[card], prefixHashes[card], bins[card], last4s[card], 16, DemoData.EXPIRY, mode,
            false, TERMINAL, MERCHANT);
    }

    private int completion(final CommandSlot slot)
    {
        final int i = pickSent();
        final long amount = random.nextInt(4) == 0 ? sentAmounts[i] / 2 : sentAmounts[i];
        final int messageStan = nextStan();
        return commands.complete(slot.buffer(), Source.INTERNAL, ++correlationId, DemoData.ACQUIRER, messageStan,
            dateTime(messageStan), sentStans[i], sentDateTimes[i], sentRrns[i], Math.max(1, amount));
    }

    private int reversal(final CommandSlot slot)
    {
        final int i = pickSent();
        final long replacement = random.nextInt(3) == 0 ? sentAmounts[i] / 3 : 0;
        final int messageStan = nextStan();
        return commands.reverse(slot.buffer(), Source.INTERNAL, ++correlationId, DemoData.ACQUIRER, messageStan,
            dateTime(messageStan), sentStans[i], sentDateTimes[i], sentRrns[i], replacement);
    }

    private int repeat(final CommandSlot slot)
    {
        final int i = pickSent();
        final int card = sentCards[i];
        return commands.authorize(slot.buffer(), Source.INTERNAL, ++correlationId, DemoData.ACQUIRER, sentStans[i],
            sentDateTimes[i], sentRrns[i], sentAmounts[i], DemoData.EGP, tokens[card], prefixHashes[card], bins[card],
            last4s[card], 16, DemoData.EXPIRY, CaptureMode.DUAL_MESSAGE, true, TERMINAL, MERCHANT);
    }

    private int oddball(final CommandSlot slot)
    {
        final int messageStan = nextStan();
        final int kind = random.nextInt(3);
        final long token = kind == 0 ? unknownToken : kind == 1 ? remoteToken : tokens[0];
        final long[] hashes = kind == 0 ? unknownHashes : kind == 1 ? remoteHashes : prefixHashes[0];
        final int expiry = kind == 2 ? 2101 : DemoData.EXPIRY;
        return commands.authorize(slot.buffer(), Source.INTERNAL, ++correlationId, DemoData.ACQUIRER, messageStan,
            dateTime(messageStan), rrn(messageStan), 10_00, DemoData.EGP, token, hashes, kind == 1 ? 510000 : 400000,
            1234, 16, expiry, CaptureMode.DUAL_MESSAGE, false, TERMINAL, MERCHANT);
    }

    private int pickSent()
    {
        final int window = Math.min(sentCount, REMEMBERED);
        return (sentCount - 1 - random.nextInt(window)) % REMEMBERED;
    }

    private int nextStan()
    {
        stan = stan % 999_999 + 1;
        return stan;
    }

    /** Field 7 as MMDDhhmmss: one fixed day, advancing a second every 100 messages. */
    private static long dateTime(final int messageStan)
    {
        final int seconds = messageStan / 100;
        return 1125_000000L + (seconds / 3600) * 10_000L + (seconds / 60 % 60) * 100L + seconds % 60;
    }

    private static String rrn(final int messageStan)
    {
        final char[] digits = {'0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
        int value = messageStan;
        for (int i = digits.length - 1; i >= 0 && value > 0; i--)
        {
            digits[i] = (char)('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }
}
