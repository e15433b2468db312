package io.tahweel.engine.core;

import io.tahweel.sbe.AddBinRouteDecoder;
import io.tahweel.sbe.AddParticipantDecoder;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import io.tahweel.sbe.CompleteAuthorizationDecoder;
import io.tahweel.sbe.ConfigureSettlementDecoder;
import io.tahweel.sbe.CreateTransferDecoder;
import io.tahweel.sbe.EnableCurrencyDecoder;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.ConfigureStandInDecoder;
import io.tahweel.sbe.IssueCardDecoder;
import io.tahweel.sbe.IssuerLinkStatusDecoder;
import io.tahweel.sbe.IssuerResponseDecoder;
import io.tahweel.sbe.StoreAndForwardAcknowledgedDecoder;
import io.tahweel.sbe.OpenAccountDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.ReverseAuthorizationDecoder;
import io.tahweel.sbe.SetCardLimitsDecoder;
import io.tahweel.sbe.SetCardStatusDecoder;
import io.tahweel.sbe.SetParticipantStatusDecoder;
import io.tahweel.sbe.SetSettlementScheduleDecoder;
import io.tahweel.sbe.TimerTickDecoder;

/** The journal entry types (SBE template ids) this build of the core applies. */
public final class EntryTypes
{
    private static final int MAX_TEMPLATE_ID = 1024;
    private static final boolean[] SUPPORTED = new boolean[MAX_TEMPLATE_ID];
    private static final boolean[] ADMIN = new boolean[MAX_TEMPLATE_ID];

    static
    {
        for (final int id : new int[]{
            EnableCurrencyDecoder.TEMPLATE_ID, AddParticipantDecoder.TEMPLATE_ID, SetParticipantStatusDecoder.TEMPLATE_ID,
            OpenAccountDecoder.TEMPLATE_ID, AddBinRouteDecoder.TEMPLATE_ID, IssueCardDecoder.TEMPLATE_ID,
            SetCardStatusDecoder.TEMPLATE_ID, SetCardLimitsDecoder.TEMPLATE_ID, OpenSettlementWindowDecoder.TEMPLATE_ID,
            CloseSettlementWindowDecoder.TEMPLATE_ID, ConfigureSettlementDecoder.TEMPLATE_ID,
            SetSettlementScheduleDecoder.TEMPLATE_ID, ConfigureStandInDecoder.TEMPLATE_ID })
        {
            SUPPORTED[id] = true;
            ADMIN[id] = true;
        }
        for (final int id : new int[]{
            TimerTickDecoder.TEMPLATE_ID, CreateTransferDecoder.TEMPLATE_ID, AuthorizeDecoder.TEMPLATE_ID,
            CompleteAuthorizationDecoder.TEMPLATE_ID, ReverseAuthorizationDecoder.TEMPLATE_ID,
            IssuerResponseDecoder.TEMPLATE_ID, IssuerLinkStatusDecoder.TEMPLATE_ID,
            StoreAndForwardAcknowledgedDecoder.TEMPLATE_ID, EpochStartDecoder.TEMPLATE_ID })
        {
            SUPPORTED[id] = true;
        }
    }

    private EntryTypes()
    {
    }

    public static boolean isSupported(final int templateId)
    {
        return templateId >= 0 && templateId < MAX_TEMPLATE_ID && SUPPORTED[templateId];
    }

    /** Configuration commands: recorded in the audit view, answered with an AdminResult. */
    public static boolean isAdmin(final int templateId)
    {
        return templateId >= 0 && templateId < MAX_TEMPLATE_ID && ADMIN[templateId];
    }
}
