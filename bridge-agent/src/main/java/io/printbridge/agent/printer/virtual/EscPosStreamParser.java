package io.printbridge.agent.printer.virtual;

import java.time.Duration;

/**
 * Splits a byte stream into what a printer acts on at once (real-time status queries and drawer
 * pulses) and what it prints. It knows just enough ESC/POS to skip the binary payloads of
 * {@code GS v 0}, {@code GS ( k}, {@code GS ( L} and {@code ESC *}, so pixels are never read
 * as commands. Print bytes, including the commands themselves, pass through to
 * {@link Handler#printable}.
 */
final class EscPosStreamParser {

    interface Handler {
        void printable(byte b);

        void statusQuery(int n);

        void drawerPulse(int pin, Duration on);
    }

    private static final int DLE = 0x10;
    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;

    private final Handler handler;
    /** The command bytes seen so far when inside a command; empty between commands. */
    private final byte[] command = new byte[8];

    private int commandLength;
    /** Payload bytes left to pass through without interpretation. */
    private long payloadLeft;

    EscPosStreamParser(Handler handler) {
        this.handler = handler;
    }

    void accept(byte b) {
        int value = b & 0xFF;
        if (payloadLeft > 0) {
            payloadLeft--;
            handler.printable(b);
            return;
        }
        if (commandLength == 0) {
            if (value == DLE || value == ESC || value == GS) {
                command[commandLength++] = b;
            } else {
                handler.printable(b);
            }
            return;
        }
        command[commandLength++] = b;
        interpret();
    }

    /** Decides whether the command collected so far is complete, needs more, or carries a payload. */
    private void interpret() {
        int first = command[0] & 0xFF;
        int second = command[1] & 0xFF;
        if (first == DLE) {
            interpretDle(second);
        } else if (first == ESC && second == 'p') {
            if (commandLength == 5) {
                handler.drawerPulse(
                        command[2] == 0 || command[2] == '0' ? 2 : 5, Duration.ofMillis((command[3] & 0xFF) * 2L));
                flushAsPrintable();
            }
        } else if (first == ESC && second == '*') {
            if (commandLength == 5) { // ESC * m nL nH: nL + nH*256 columns, 1 or 3 bytes each
                int m = command[2] & 0xFF;
                long columns = (command[3] & 0xFF) + 256L * (command[4] & 0xFF);
                flushAsPrintable();
                payloadLeft = columns * (m >= 32 ? 3 : 1);
            }
        } else if (first == GS && second == 'v') {
            if (commandLength == 8) { // GS v 0 m xL xH yL yH: (xL + xH*256) bytes × (yL + yH*256) rows
                long width = (command[4] & 0xFF) + 256L * (command[5] & 0xFF);
                long height = (command[6] & 0xFF) + 256L * (command[7] & 0xFF);
                flushAsPrintable();
                payloadLeft = width * height;
            }
        } else if (first == GS && second == '(') {
            if (commandLength == 5) { // GS ( k|L pL pH: pL + pH*256 bytes follow
                long length = (command[3] & 0xFF) + 256L * (command[4] & 0xFF);
                flushAsPrintable();
                payloadLeft = length;
            }
        } else {
            // Any other ESC/GS command: its bytes are ordinary print data to the virtual printer.
            flushAsPrintable();
        }
    }

    private void interpretDle(int second) {
        if (second == 0x04) { // DLE EOT n
            if (commandLength == 3) {
                handler.statusQuery(command[2] & 0xFF);
                commandLength = 0;
            }
        } else if (second == 0x14) { // DLE DC4 fn m t
            if (commandLength == 5) {
                if (command[2] == 1) {
                    handler.drawerPulse(command[3] == 0 ? 2 : 5, Duration.ofMillis((command[4] & 0xFF) * 100L));
                }
                commandLength = 0;
            }
        } else {
            flushAsPrintable();
        }
    }

    private void flushAsPrintable() {
        for (int i = 0; i < commandLength; i++) {
            handler.printable(command[i]);
        }
        commandLength = 0;
    }
}
