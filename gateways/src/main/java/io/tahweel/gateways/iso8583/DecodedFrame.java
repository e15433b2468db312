package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;

/**
 * What {@link MessageDecoder} made of one frame: the message (possibly only partly read), its
 * MTI when it could be identified, the TPDU header when the listener has one, and the first
 * error. Reused per connection; valid until the next decode.
 */
final class DecodedFrame
{
    static final int TPDU_LENGTH = 5;

    ISOMsg message;
    int mti = Mti.INVALID;
    DecodeError error = DecodeError.NONE;
    /** Field the error is about, or -1. */
    int errorField = -1;
    /** Reason detail for the log; already masked, never a field value. */
    String detail;
    final byte[] tpdu = new byte[TPDU_LENGTH];
    boolean hasTpdu;

    void reset()
    {
        message = null;
        mti = Mti.INVALID;
        error = DecodeError.NONE;
        errorField = -1;
        detail = null;
        hasTpdu = false;
    }

    boolean ok()
    {
        return error == DecodeError.NONE;
    }

    /** Enough was read to answer with field 39 = 30: a request MTI of a type that expects an answer. */
    boolean answerable()
    {
        return message != null && Mti.isRequest(mti);
    }

    DecodedFrame fail(final DecodeError error, final int field, final String detail)
    {
        if (this.error == DecodeError.NONE)
        {
            this.error = error;
            this.errorField = field;
            this.detail = detail;
        }
        return this;
    }
}
