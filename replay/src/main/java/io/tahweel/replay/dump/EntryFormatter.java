package io.tahweel.replay.dump;

import io.tahweel.sbe.AddBinRouteDecoder;
import io.tahweel.sbe.AddParticipantDecoder;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import io.tahweel.sbe.CompleteAuthorizationDecoder;
import io.tahweel.sbe.CreateTransferDecoder;
import io.tahweel.sbe.EnableCurrencyDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.IssueCardDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.OpenAccountDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.ReverseAuthorizationDecoder;
import io.tahweel.sbe.SetCardLimitsDecoder;
import io.tahweel.sbe.SetCardStatusDecoder;
import io.tahweel.sbe.SetParticipantStatusDecoder;
import io.tahweel.sbe.TimerTickDecoder;
import org.agrona.DirectBuffer;

import java.time.Instant;

/**
 * One human-readable line per journal entry, for {@code tahweel journal dump}.
 * <p>
 * Entries never hold a card number (the gateway tokenizes it), so this shows what the journal
 * holds: the token, and the card masked as the first 6 and last 4 digits PCI DSS allows.
 */
public final class EntryFormatter
{
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final EnableCurrencyDecoder enableCurrency = new EnableCurrencyDecoder();
    private final AddParticipantDecoder addParticipant = new AddParticipantDecoder();
    private final SetParticipantStatusDecoder setParticipantStatus = new SetParticipantStatusDecoder();
    private final OpenAccountDecoder openAccount = new OpenAccountDecoder();
    private final AddBinRouteDecoder addBinRoute = new AddBinRouteDecoder();
    private final IssueCardDecoder issueCard = new IssueCardDecoder();
    private final SetCardStatusDecoder setCardStatus = new SetCardStatusDecoder();
    private final SetCardLimitsDecoder setCardLimits = new SetCardLimitsDecoder();
    private final OpenSettlementWindowDecoder openWindow = new OpenSettlementWindowDecoder();
    private final CloseSettlementWindowDecoder closeWindow = new CloseSettlementWindowDecoder();
    private final TimerTickDecoder timerTick = new TimerTickDecoder();
    private final CreateTransferDecoder createTransfer = new CreateTransferDecoder();
    private final AuthorizeDecoder authorize = new AuthorizeDecoder();
    private final CompleteAuthorizationDecoder complete = new CompleteAuthorizationDecoder();
    private final ReverseAuthorizationDecoder reverse = new ReverseAuthorizationDecoder();
    private final EpochStartDecoder epochStart = new EpochStartDecoder();

    /** Formats the entry at {@code offset}; unknown entry types are shown with their template id. */
    public String format(final DirectBuffer buffer, final int offset, final int length)
    {
        messageHeader.wrap(buffer, offset);
        entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        final StringBuilder line = new StringBuilder(256)
            .append(entryHeader.sequence())
            .append(' ').append(Instant.ofEpochSecond(0, entryHeader.timestamp()))
            .append(" epoch=").append(entryHeader.epoch())
            .append(" source=").append(entryHeader.source())
            .append(" corr=").append(entryHeader.correlationId());
        if (entryHeader.connectionId() != 0)
        {
            line.append(" conn=").append(entryHeader.connectionId());
        }
        line.append(' ');
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = messageHeader.blockLength();
        final int version = messageHeader.version();
        switch (messageHeader.templateId())
        {
            case AuthorizeDecoder.TEMPLATE_ID:
                authorize.wrap(buffer, body, block, version);
                line.append("Authorize card=").append(masked(authorize.bin(), authorize.last4(), authorize.panLength()))
                    .append(" token=").append(Long.toHexString(authorize.cardToken()))
                    .append(" acquirer=").append(authorize.acquirerId())
                    .append(" stan=").append(authorize.stan())
                    .append(" dateTime=").append(authorize.transmissionDateTime())
                    .append(" rrn=").append(authorize.rrn())
                    .append(" amount=").append(authorize.amount())
                    .append(" currency=").append(authorize.currency())
                    .append(" mode=").append(authorize.captureMode())
                    .append(" channel=").append(authorize.channel())
                    .append(" repeat=").append(authorize.repeat())
                    .append(" terminal=").append(authorize.terminalId())
                    .append(" merchant=").append(authorize.merchantId());
                break;
            case IssueCardDecoder.TEMPLATE_ID:
                issueCard.wrap(buffer, body, block, version);
                line.append("IssueCard card=").append(masked(issueCard.bin(), issueCard.last4(), issueCard.panLength()))
                    .append(" token=").append(Long.toHexString(issueCard.cardToken()))
                    .append(" account=").append(issueCard.accountId())
                    .append(" issuer=").append(issueCard.issuerId())
                    .append(" expiry=").append(issueCard.expiry())
                    .append(" status=").append(issueCard.status())
                    .append(" perTransaction=").append(issueCard.perTransactionLimit())
                    .append(" dailyCount=").append(issueCard.dailyCountLimit())
                    .append(" dailyAmount=").append(issueCard.dailyAmountLimit())
                    .append(" operator=").append(issueCard.operatorId());
                break;
            case CompleteAuthorizationDecoder.TEMPLATE_ID:
                complete.wrap(buffer, body, block, version);
                appendWithoutHeader(line, complete.toString());
                break;
            case ReverseAuthorizationDecoder.TEMPLATE_ID:
                reverse.wrap(buffer, body, block, version);
                appendWithoutHeader(line, reverse.toString());
                break;
            case EpochStartDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, epochStart.wrap(buffer, body, block, version).toString());
                break;
            case TimerTickDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, timerTick.wrap(buffer, body, block, version).toString());
                break;
            case CreateTransferDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, createTransfer.wrap(buffer, body, block, version).toString());
                break;
            case EnableCurrencyDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, enableCurrency.wrap(buffer, body, block, version).toString());
                break;
            case AddParticipantDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, addParticipant.wrap(buffer, body, block, version).toString());
                break;
            case SetParticipantStatusDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, setParticipantStatus.wrap(buffer, body, block, version).toString());
                break;
            case OpenAccountDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, openAccount.wrap(buffer, body, block, version).toString());
                break;
            case AddBinRouteDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, addBinRoute.wrap(buffer, body, block, version).toString());
                break;
            case SetCardStatusDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, setCardStatus.wrap(buffer, body, block, version).toString());
                break;
            case SetCardLimitsDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, setCardLimits.wrap(buffer, body, block, version).toString());
                break;
            case OpenSettlementWindowDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, openWindow.wrap(buffer, body, block, version).toString());
                break;
            case CloseSettlementWindowDecoder.TEMPLATE_ID:
                appendWithoutHeader(line, closeWindow.wrap(buffer, body, block, version).toString());
                break;
            default:
                line.append("Unknown templateId=").append(messageHeader.templateId()).append(" length=").append(length);
        }
        return line.toString();
    }

    /** Card as first 6, asterisks, last 4, e.g. {@code 400000******7899}. */
    public static String masked(final long bin, final int last4, final int panLength)
    {
        final StringBuilder masked = new StringBuilder(19).append(bin);
        for (int i = 10; i < panLength; i++)
        {
            masked.append('*');
        }
        final String tail = Integer.toString(last4);
        for (int i = tail.length(); i < 4; i++)
        {
            masked.append('0');
        }
        return masked.append(tail).toString();
    }

    /** SBE's own rendering, minus the schema ids and the entry header already printed. */
    private static void appendWithoutHeader(final StringBuilder line, final String sbe)
    {
        final int nameEnd = sbe.indexOf(']');
        final String name = nameEnd > 1 ? sbe.substring(1, nameEnd) : sbe;
        final int headerStart = sbe.indexOf("header=(");
        final int headerEnd = headerStart < 0 ? -1 : sbe.indexOf(')', headerStart);
        line.append(name);
        if (headerEnd > 0)
        {
            final int fields = headerEnd + 2;
            if (fields < sbe.length())
            {
                line.append(' ').append(sbe, fields, sbe.length()).append("");
            }
        }
        else
        {
            line.append(' ').append(sbe);
        }
    }
}
