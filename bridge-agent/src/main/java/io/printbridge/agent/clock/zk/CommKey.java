package io.printbridge.agent.clock.zk;

/**
 * The obfuscation of the comm key that {@code CMD_AUTH} carries (the SDK's {@code MakeKey}): the
 * key's 32 bits reversed, plus the session id, XOR "ZKSO", its two 16-bit halves swapped, then
 * XOR a "ticks" byte that is also sent in clear as the third byte. It hides nothing from a
 * listener; it only ties the key to the session.
 */
public final class CommKey {

    /** The ticks byte the SDK and the common libraries send. */
    public static final int DEFAULT_TICKS = 50;

    private CommKey() {}

    public static byte[] make(int key, int sessionId, int ticks) {
        int reversed = Integer.reverse(key);
        int k = reversed + sessionId;
        byte[] b = {(byte) k, (byte) (k >>> 8), (byte) (k >>> 16), (byte) (k >>> 24)};
        b[0] ^= 'Z';
        b[1] ^= 'K';
        b[2] ^= 'S';
        b[3] ^= 'O';
        byte[] swapped = {b[2], b[3], b[0], b[1]};
        byte t = (byte) ticks;
        return new byte[] {(byte) (swapped[0] ^ t), (byte) (swapped[1] ^ t), t, (byte) (swapped[3] ^ t)};
    }

    /** Whether {@code sent} (4 bytes from {@code CMD_AUTH}) is the key for this session, whatever ticks it used. */
    public static boolean matches(byte[] sent, int key, int sessionId) {
        if (sent.length < 4) {
            return false;
        }
        byte[] expected = make(key, sessionId, sent[2] & 0xFF);
        for (int i = 0; i < 4; i++) {
            if (sent[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
