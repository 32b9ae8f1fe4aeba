package io.printbridge.agent.printer.usb;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterTransport;
import io.printbridge.agent.printer.tcp.TcpPrinterTransport;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * usb4java, and with it libusb's native library, loads only when a USB printer is used.
 *
 * <p>The run-time check runs agent code in a fresh class loader whose parent is the platform
 * loader, so it loads its own copy of every agent and usb4java class whatever other tests did
 * in this JVM; {@code findLoadedClass} then tells exactly which usb4java classes it loaded. It
 * is faster than a second JVM with {@code -verbose:class} and does not depend on how that JVM
 * interleaves its log with our output. The bytecode check adds the static half: no class
 * outside {@code printer/usb/} even mentions usb4java, so no code path can load it.
 */
class UsbLazyLoadingTest {

    private static final String AGENT_CLASSES = "io/printbridge/agent/";
    private static final String USB_PACKAGE = "io/printbridge/agent/printer/usb/";

    @Test
    void printingOverTcpLoadsNoUsb4javaClassUntilAUsbPrinterIsUsed() throws Exception {
        List<String> usb4javaClasses = usb4javaClassNames();
        try (IsolatedLoader loader = new IsolatedLoader()) {
            String printed = loader.call(AgentWithoutUsb.class);

            assertThat(printed).isEqualTo("over tcp\n");
            assertThat(loader.hasLoaded(TcpPrinterTransport.class.getName())).isTrue();
            assertThat(usb4javaClasses).filteredOn(loader::hasLoaded).isEmpty();

            loader.call(ConfiguredUsbPrinter.class);
            assertThat(usb4javaClasses)
                    .as("a configured but unused USB printer")
                    .filteredOn(loader::hasLoaded)
                    .isEmpty();

            loader.call(UsedUsbPrinter.class);
            assertThat(loader.hasLoaded("org.usb4java.LibUsb"))
                    .as("control: using it does load usb4java")
                    .isTrue();
        }
    }

    @Test
    void noAgentClassOutsideTheUsbPackageRefersToUsb4java() throws IOException {
        Path classes = classesDirectory();
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> agentClasses = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(name -> name.startsWith(AGENT_CLASSES))
                    .collect(Collectors.toList());

            assertThat(agentClasses).contains(USB_PACKAGE + "UsbPrinterTransport.class");
            assertThat(agentClasses)
                    .filteredOn(name -> refersToUsb4java(classes.resolve(name)))
                    .allMatch(name -> name.startsWith(USB_PACKAGE))
                    .contains(USB_PACKAGE + "UsbPrinterTransport.class")
                    .doesNotContain(USB_PACKAGE + "UsbTransports.class");
        }
    }

    private static boolean refersToUsb4java(Path classFile) {
        try {
            // Class names in the constant pool are UTF-8 internal names: a plain byte search finds them.
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/usb4java/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path classesDirectory() {
        try {
            return Paths.get(TcpPrinterTransport.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class in the usb4java jar, by binary name. */
    private static List<String> usb4javaClassNames() throws Exception {
        Class<?> anyUsb4java = Class.forName("org.usb4java.Context", false, UsbLazyLoadingTest.class.getClassLoader());
        try (JarFile jar = new JarFile(new File(
                anyUsb4java.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            List<String> names = jar.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("org/usb4java/") && n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toList());
            assertThat(names).contains("org.usb4java.LibUsb");
            return names;
        }
    }

    /** The test class path, in a loader of its own that asks only the platform loader for anything else. */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader() throws Exception {
            super("isolated", classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean hasLoaded(String name) {
            return findLoadedClass(name) != null;
        }

        /** Runs {@code scenario}'s own copy from this loader. */
        String call(Class<? extends Callable<String>> scenario) throws Exception {
            Class<?> isolated = loadClass(scenario.getName());
            assertThat(isolated.getClassLoader()).isSameAs(this);
            @SuppressWarnings("unchecked")
            Callable<String> instance =
                    (Callable<String>) isolated.getDeclaredConstructor().newInstance();
            return instance.call();
        }

        private static URL[] classPath() throws Exception {
            String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) {
                urls[i] = Paths.get(entries[i]).toUri().toURL();
            }
            assertThat(Arrays.stream(entries)).as("class path").isNotEmpty();
            return urls;
        }
    }

    /** What an agent with a network printer does: print and read status over TCP. */
    public static final class AgentWithoutUsb implements Callable<String> {
        @Override
        public String call() throws Exception {
            VirtualPrinter device = new VirtualPrinter();
            try (VirtualPrinterServer server = VirtualPrinterServer.start(
                            device, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    EscPosPrinter printer = new EscPosPrinter(
                            PrinterSettings.receipt("receipt", true),
                            new TcpPrinterTransport(
                                    "127.0.0.1", server.port(), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                            Clock.systemUTC())) {
                printer.print("over tcp\n".getBytes(StandardCharsets.US_ASCII), true);
                device.awaitPrinted(9, Duration.ofSeconds(5));
                return new String(device.printed(), StandardCharsets.US_ASCII);
            }
        }
    }

    /** A USB printer in the configuration that nothing has printed to yet. */
    public static final class ConfiguredUsbPrinter implements Callable<String> {
        @Override
        public String call() {
            PrinterTransport transport = UsbTransports.open(0x0471, 0x0055, Duration.ofSeconds(1));
            return transport.describe() + " " + transport.canReadStatus();
        }
    }

    /** The first print to a USB printer, which loads libusb (and here finds no printer). */
    public static final class UsedUsbPrinter implements Callable<String> {
        @Override
        public String call() {
            try (PrinterTransport transport = UsbTransports.open(0xFFFF, 0xFFFE, Duration.ofSeconds(1))) {
                transport.write(new byte[] {'x'});
                return "written";
            } catch (IOException e) {
                return e.getMessage();
            }
        }
    }
}
