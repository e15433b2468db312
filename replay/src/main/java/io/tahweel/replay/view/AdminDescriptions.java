package io.tahweel.replay.view;

import io.tahweel.sbe.AddBinRouteDecoder;
import io.tahweel.sbe.AddParticipantDecoder;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import io.tahweel.sbe.ConfigureSettlementDecoder;
import io.tahweel.sbe.EnableCurrencyDecoder;
import io.tahweel.sbe.IssueCardDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.OpenAccountDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.SetCardLimitsDecoder;
import io.tahweel.sbe.SetCardStatusDecoder;
import io.tahweel.sbe.SetParticipantStatusDecoder;
import io.tahweel.sbe.SetSettlementScheduleDecoder;
import org.agrona.DirectBuffer;

/**
 * Names and describes admin entries for the audit view: the command's name and its fields as SBE
 * renders them (without the entry header and operator, which the audit shows in their own
 * columns). Cards appear as token, BIN and last 4 only, as the journal holds them.
 * <p>
 * The operator identity is read generically: every admin message ends with the {@code operatorId}
 * var-data field, so it is the last length-prefixed field after the block. That keeps the audit
 * correct for admin commands newer than this class (shown by template id).
 */
final class AdminDescriptions
{
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
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
    private final ConfigureSettlementDecoder configureSettlement = new ConfigureSettlementDecoder();
    private final SetSettlementScheduleDecoder setSchedule = new SetSettlementScheduleDecoder();

    /** The operator identity: the last var-data field of the entry; empty if there is none. */
    String operator(final DirectBuffer buffer, final int offset, final int length)
    {
        messageHeader.wrap(buffer, offset);
        int position = offset + MessageHeaderDecoder.ENCODED_LENGTH + messageHeader.blockLength();
        final int end = offset + length;
        int lastStart = -1;
        int lastLength = 0;
        while (position < end)
        {
            final int fieldLength = buffer.getByte(position) & 0xFF;
            if (position + 1 + fieldLength > end)
            {
                return "";
            }
            lastStart = position + 1;
            lastLength = fieldLength;
            position += 1 + fieldLength;
        }
        return lastStart < 0 ? "" : buffer.getStringWithoutLengthAscii(lastStart, lastLength);
    }

    /** {@code [name, description]} of the admin entry at {@code offset}. */
    String[] describe(final DirectBuffer buffer, final int offset)
    {
        messageHeader.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = messageHeader.blockLength();
        final int version = messageHeader.version();
        final String sbe;
        switch (messageHeader.templateId())
        {
            case EnableCurrencyDecoder.TEMPLATE_ID: sbe = enableCurrency.wrap(buffer, body, block, version).toString(); break;
            case AddParticipantDecoder.TEMPLATE_ID: sbe = addParticipant.wrap(buffer, body, block, version).toString(); break;
            case SetParticipantStatusDecoder.TEMPLATE_ID:
                sbe = setParticipantStatus.wrap(buffer, body, block, version).toString();
                break;
            case OpenAccountDecoder.TEMPLATE_ID: sbe = openAccount.wrap(buffer, body, block, version).toString(); break;
            case AddBinRouteDecoder.TEMPLATE_ID: sbe = addBinRoute.wrap(buffer, body, block, version).toString(); break;
            case IssueCardDecoder.TEMPLATE_ID: sbe = issueCard.wrap(buffer, body, block, version).toString(); break;
            case SetCardStatusDecoder.TEMPLATE_ID: sbe = setCardStatus.wrap(buffer, body, block, version).toString(); break;
            case SetCardLimitsDecoder.TEMPLATE_ID: sbe = setCardLimits.wrap(buffer, body, block, version).toString(); break;
            case OpenSettlementWindowDecoder.TEMPLATE_ID: sbe = openWindow.wrap(buffer, body, block, version).toString(); break;
            case CloseSettlementWindowDecoder.TEMPLATE_ID:
                sbe = closeWindow.wrap(buffer, body, block, version).toString();
                break;
            case ConfigureSettlementDecoder.TEMPLATE_ID:
                sbe = configureSettlement.wrap(buffer, body, block, version).toString();
                break;
            case SetSettlementScheduleDecoder.TEMPLATE_ID:
                sbe = setSchedule.wrap(buffer, body, block, version).toString();
                break;
            default:
                return new String[]{"template-" + messageHeader.templateId(), ""};
        }
        return split(sbe);
    }

    /** SBE's {@code [Name](ids):header=(...)|a=1|b='x'|operatorId='op'} as {@code [Name, "a=1 b='x'"]}. */
    static String[] split(final String sbe)
    {
        final int nameEnd = sbe.indexOf(']');
        final String name = nameEnd > 1 ? sbe.substring(1, nameEnd) : "";
        final int headerStart = sbe.indexOf("header=(");
        final int headerEnd = headerStart < 0 ? -1 : sbe.indexOf(')', headerStart);
        String fields = headerEnd < 0 || headerEnd + 2 > sbe.length() ? "" : sbe.substring(headerEnd + 2);
        final int operator = fields.lastIndexOf("operatorId=");
        if (operator >= 0)
        {
            fields = fields.substring(0, operator);
        }
        fields = fields.replace('|', ' ').trim();
        return new String[]{name, fields};
    }
}
