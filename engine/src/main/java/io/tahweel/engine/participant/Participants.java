package io.tahweel.engine.participant;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.ParticipantStatus;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;

import java.nio.charset.StandardCharsets;

/**
 * Banks, PSPs and other participants, stored in creation order (struct of arrays) so that
 * snapshots and views iterate deterministically.
 */
public final class Participants
{
    public static final int ROLE_ISSUER = 1;
    public static final int ROLE_ACQUIRER = 1 << 1;
    /** Longest participant name accepted, in ASCII characters. */
    public static final int MAX_NAME_LENGTH = 32;
    private static final int SNAPSHOT_MARKER = 0x50415254; // "PART"
    /** {@link #indexOf} of an unknown participant. */
    public static final int MISSING = -1;

    private final int capacity;
    private final Int2IntHashMap indexById;
    private final Long2LongHashMap settlementAccountByParticipantCurrency = new Long2LongHashMap(0L);
    private final int[] ids;
    private final byte[] roles;
    private final byte[] issuingModes;
    private final byte[] statuses;
    private final long[] holdTimeoutNanos;
    private final String[] names;
    private int count;

    public Participants(final int capacity)
    {
        this.capacity = capacity;
        indexById = new Int2IntHashMap(capacity * 2, 0.65f, MISSING);
        ids = new int[capacity];
        roles = new byte[capacity];
        issuingModes = new byte[capacity];
        statuses = new byte[capacity];
        holdTimeoutNanos = new long[capacity];
        names = new String[capacity];
    }

    public boolean isFull()
    {
        return count == capacity;
    }

    public boolean exists(final int participantId)
    {
        return indexById.get(participantId) != MISSING;
    }

    /** Admin path: the caller validated the fields. */
    public void add(
        final int participantId, final int roleBits, final IssuingMode mode, final ParticipantStatus status,
        final long holdTimeoutNanos, final String name)
    {
        final int index = count++;
        ids[index] = participantId;
        roles[index] = (byte)roleBits;
        issuingModes[index] = (byte)mode.value();
        statuses[index] = (byte)status.value();
        this.holdTimeoutNanos[index] = holdTimeoutNanos;
        names[index] = name;
        indexById.put(participantId, index);
    }

    public boolean hasRole(final int participantId, final int role)
    {
        return hasRoleAt(indexOf(participantId), role);
    }

    public boolean isActive(final int participantId)
    {
        return isActiveAt(indexOf(participantId));
    }

    public boolean isHosted(final int participantId)
    {
        return isHostedAt(indexOf(participantId));
    }

    /**
     * Where the participant is held, or {@link #MISSING}: a decision asks several questions of
     * the same participant, and the {@code ...At} accessors answer them without a lookup each.
     */
    public int indexOf(final int participantId)
    {
        return indexById.get(participantId);
    }

    /** @param index from {@link #indexOf}; {@link #MISSING} has no role. */
    public boolean hasRoleAt(final int index, final int role)
    {
        return index != MISSING && (roles[index] & role) != 0;
    }

    /** @param index from {@link #indexOf}; {@link #MISSING} is not active. */
    public boolean isActiveAt(final int index)
    {
        return index != MISSING && statuses[index] == ParticipantStatus.ACTIVE.value();
    }

    /** @param index from {@link #indexOf}; {@link #MISSING} is not hosted. */
    public boolean isHostedAt(final int index)
    {
        return index != MISSING && issuingModes[index] == IssuingMode.HOSTED.value();
    }

    public void status(final int participantId, final ParticipantStatus status)
    {
        statuses[indexById.get(participantId)] = (byte)status.value();
    }

    public long holdTimeoutNanos(final int participantId)
    {
        return holdTimeoutNanos[indexById.get(participantId)];
    }

    public String name(final int participantId)
    {
        return names[indexById.get(participantId)];
    }

    public int count()
    {
        return count;
    }

    public int idAt(final int index)
    {
        return ids[index];
    }

    /** The first SETTLEMENT account a participant opened in a currency, or 0. */
    public long settlementAccount(final int participantId, final int currency)
    {
        return settlementAccountByParticipantCurrency.get(key(participantId, currency));
    }

    /** Remembers the settlement account unless the participant has one in that currency already. */
    public void registerSettlementAccount(final int participantId, final int currency, final long accountId)
    {
        final long key = key(participantId, currency);
        if (settlementAccountByParticipantCurrency.get(key) == 0L)
        {
            settlementAccountByParticipantCurrency.put(key, accountId);
        }
    }

    private static long key(final int participantId, final int currency)
    {
        return ((long)participantId << 16) | currency;
    }

    /**
     * Most bytes {@link #writeSnapshot} writes: {@code capacity} participants with names of
     * {@link #MAX_NAME_LENGTH}, and a settlement account per opened account at most.
     */
    public static long maxSnapshotLength(final int capacity, final int accountCapacity)
    {
        // id, role, issuing mode, status, hold timeout, name length and bytes; then (key, account) pairs.
        final long participant = Integer.BYTES + 3 * Byte.BYTES + Long.BYTES + Integer.BYTES + MAX_NAME_LENGTH;
        return Integer.BYTES * 3 + capacity * participant + accountCapacity * (2L * Long.BYTES);
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] name = names[i].getBytes(StandardCharsets.US_ASCII);
            writer.putInt(ids[i]).putByte(roles[i]).putByte(issuingModes[i]).putByte(statuses[i])
                .putLong(holdTimeoutNanos[i]).putBytes(name, 0, name.length);
        }
        // Settlement accounts are derived from account openings, but written sorted so the hash covers them.
        final long[] keys = new long[settlementAccountByParticipantCurrency.size()];
        int k = 0;
        final Long2LongHashMap.KeyIterator it = settlementAccountByParticipantCurrency.keySet().iterator();
        while (it.hasNext())
        {
            keys[k++] = it.nextValue();
        }
        java.util.Arrays.sort(keys);
        writer.putInt(keys.length);
        for (final long key : keys)
        {
            writer.putLong(key).putLong(settlementAccountByParticipantCurrency.get(key));
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int n = reader.getInt();
        for (int i = 0; i < n; i++)
        {
            final int id = reader.getInt();
            final byte role = reader.getByte();
            final IssuingMode mode = IssuingMode.get(reader.getByte());
            final ParticipantStatus status = ParticipantStatus.get(reader.getByte());
            final long timeout = reader.getLong();
            final String name = new String(reader.getBytes(), StandardCharsets.US_ASCII);
            add(id, role, mode, status, timeout, name);
        }
        final int settlements = reader.getInt();
        for (int i = 0; i < settlements; i++)
        {
            settlementAccountByParticipantCurrency.put(reader.getLong(), reader.getLong());
        }
    }
}
