package io.tahweel.gateways.iso8583;

/**
 * What {@link MessageDecoder} made of one frame: the message's fields (possibly only partly read,
 * a flyweight over the frame's bytes), its MTI when it could be identified, the TPDU header when
 * the listener has one, and the first error. Reused per connection; valid until the next decode
 * and only while the frame's bytes are unchanged.
 */
final class DecodedFrame
{
    static final int TPDU_LENGTH = 5;

    final Iso8583Fields fields = new Iso8583Fields();
    /** The message was reached (past the TPDU header): {@link #fields} holds what could be read. */
    boolean read;
    int mti = Mti.INVALID;
    DecodeError error = DecodeError.NONE;
    /** Field the error is about, or -1. */
    int errorField = -1;
    /** Reason detail for the log; never a field value. */
    String detail;
    final byte[] tpdu = new byte[TPDU_LENGTH];
    boolean hasTpdu;

    void reset()
    {
        read = false;
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
        return read && Mti.isRequest(mti);
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
