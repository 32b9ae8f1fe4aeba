package io.printbridge.agent.config;

/** How one printer is reached, as configured. */
public sealed interface TransportConfig {

    /** The configuration word for this transport ("usb", "network", "spooler", "virtual"). */
    String kind();

    /** A USB printer driven directly through libusb, found by its ids. */
    record Usb(int vendorId, int productId) implements TransportConfig {
        @Override
        public String kind() {
            return "usb";
        }

        @Override
        public String toString() {
            return String.format("usb %04x:%04x", vendorId, productId);
        }
    }

    /** A network printer on raw TCP (port 9100 usually). */
    record Network(String host, int port) implements TransportConfig {
        @Override
        public String kind() {
            return "network";
        }

        @Override
        public String toString() {
            return "network " + host + ":" + port;
        }
    }

    /** A printer behind the Windows spooler or CUPS, by queue name: prints, but cannot report status. */
    record Spooler(String queue) implements TransportConfig {
        @Override
        public String kind() {
            return "spooler";
        }

        @Override
        public String toString() {
            return "spooler \"" + queue + "\"";
        }
    }

    /** The in-process virtual printer (demo, tests, trying the agent without hardware). */
    record Virtual() implements TransportConfig {
        @Override
        public String kind() {
            return "virtual";
        }

        @Override
        public String toString() {
            return "virtual";
        }
    }
}
