package io.tahweel.gateways.iso8583;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Hands out the same buffer, emptied and retained, every time: an allocator with no allocation of its own, for the
 * tests that measure what the codec paths allocate per message.
 */
public final class OneBufferAllocator extends AbstractByteBufAllocator
{
    private final ByteBuf buffer;

    public OneBufferAllocator(final int capacity)
    {
        buffer = Unpooled.buffer(capacity);
    }

    @Override
    public ByteBuf buffer(final int initialCapacity)
    {
        return buffer.clear().retain();
    }

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isDirectBufferPooled()
    {
        return false;
    }
}
