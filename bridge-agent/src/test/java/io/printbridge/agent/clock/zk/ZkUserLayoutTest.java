package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.clock.ClockUser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ZkUserLayoutTest {

    @Test
    void seventyTwoByteUserRoundTrips() {
        ClockUser user = new ClockUser(12, "A12345678", "Zoë Martin", ClockUser.ADMIN, "1234", 3_000_000_000L);

        assertThat(roundTrip(ZkUserLayout.BYTES_72, user)).isEqualTo(user);
    }

    @Test
    void twentyEightByteUserRoundTrips() {
        ClockUser user = new ClockUser(65535, "4294967295", "Bob", ClockUser.USER, "12345", 77);

        assertThat(roundTrip(ZkUserLayout.BYTES_28, user)).isEqualTo(user);
    }

    @Test
    void seventyTwoByteUserKeepsItsFieldsWhereClientsReadThem() {
        ByteBuffer out = buffer(new byte[72]);
        ZkUserLayout.BYTES_72.write(new ClockUser(5, "1005", "Ann", 0, "", 99), out);

        ByteBuffer in = buffer(out.array());
        assertThat(in.getShort(0)).isEqualTo((short) 5);
        assertThat(in.get(11)).isEqualTo((byte) 'A');
        assertThat(in.getInt(35)).isEqualTo(99);
        assertThat(in.get(48)).isEqualTo((byte) '1');
    }

    @Test
    void twentyEightByteLayoutSaysWhyItCannotHoldALetteredUserId() {
        ClockUser user = new ClockUser(1, "A1", "Ann", 0, "", 0);

        assertThat(ZkUserLayout.BYTES_28.whyNot(user)).isEqualTo("user id 'A1' (expected: digits, 1 to 10 characters)");
    }

    @Test
    void nameTooLongForTheLayoutIsNamed() {
        ClockUser user = new ClockUser(1, "1", "Maximilian", 0, "", 0);

        assertThat(ZkUserLayout.BYTES_28.whyNot(user)).isEqualTo("name 'Maximilian' (expected: at most 8 bytes)");
        assertThat(ZkUserLayout.BYTES_72.whyNot(user)).isNull();
    }

    private static ClockUser roundTrip(ZkUserLayout layout, ClockUser user) {
        ByteBuffer out = buffer(new byte[layout.size()]);
        layout.write(user, out);
        assertThat(out.hasRemaining()).isFalse();
        return layout.read(buffer(out.array()));
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
