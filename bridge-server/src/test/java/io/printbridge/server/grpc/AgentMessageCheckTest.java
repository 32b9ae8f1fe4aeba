package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.CommandAck;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.proto.v1.PrinterStatusChanged;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMessageCheckTest {

    private final List<String> cuts = new ArrayList<>();
    private final AgentMessageCheck check = new AgentMessageCheck(cuts::add);

    @Test
    void aLongFailureMessageIsCutToFitItsColumnAndSaysSo() throws Exception {
        AgentMessage checked = check.check(failure("e".repeat(3000)));

        String message = checked.getResult().getFailed().getMessage();
        assertThat(message)
                .hasSize(AgentMessageLimits.FAILURE_MESSAGE_CHARS)
                .startsWith("eeee")
                .endsWith("…(cut from 3000 characters)");
        assertThat(cuts).containsExactly("CommandResult.failed.message: 3000 characters (expected: at most 1000); cut");
    }

    @Test
    void aShortFailureMessageIsLeftAlone() throws Exception {
        AgentMessage message = failure("paper out on printer receipt");

        assertThat(check.check(message)).isEqualTo(message);
        assertThat(cuts).isEmpty();
    }

    @Test
    void aNulCharacterNeverReachesTheDatabase() throws Exception {
        assertThat(check.check(failure("bad\u0000byte")).getResult().getFailed().getMessage())
                .isEqualTo("bad\uFFFDbyte");
    }

    @Test
    void theCutNeverSplitsACharacterInTwo() throws Exception {
        String message = "e".repeat(AgentMessageLimits.FAILURE_MESSAGE_CHARS - 28) + "🧾".repeat(100);

        String cut = check.check(failure(message)).getResult().getFailed().getMessage();

        assertThat(cut.codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .isEmpty();
        assertThat(cut).endsWith("e…(cut from 1172 characters)");
    }

    @Test
    void aLongHostnameAndAgentVersionAreCut() throws Exception {
        Hello hello = check.check(AgentMessage.newBuilder()
                        .setHello(Hello.newBuilder()
                                .setHostname("h".repeat(10_240))
                                .setAgentVersion("v".repeat(100)))
                        .build())
                .getHello();

        assertThat(hello.getHostname()).hasSize(255).endsWith("…(cut from 10240 characters)");
        assertThat(hello.getAgentVersion()).hasSize(64).endsWith("…(cut from 100 characters)");
        assertThat(cuts)
                .containsExactly(
                        "Hello.hostname: 10240 characters (expected: at most 255); cut",
                        "Hello.agent_version: 100 characters (expected: at most 64); cut");
    }

    @Test
    void aHelloWithTooManyPrintersIsRefused() {
        Hello.Builder hello = Hello.newBuilder();
        for (int i = 0; i < 1000; i++) {
            hello.addPrinters(Printer.newBuilder().setName("p" + i));
        }

        Status status = refusal(AgentMessage.newBuilder().setHello(hello).build());

        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).isEqualTo("Hello.printers: 1000 printers (expected: at most 16)");
    }

    @Test
    void aPrinterNameOutsideTheRulesIsRefused() {
        Status status = refusal(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .addPrinters(Printer.newBuilder().setName("receipt"))
                        .addPrinters(Printer.newBuilder().setName("kitchen\nINFO forged")))
                .build());

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription())
                .isEqualTo(
                        "Hello.printers[1].name: 19 characters, \"kitchen\\nINFO forged\" (expected: 1 to 64 letters, digits, '-' or '_')");
    }

    @Test
    void twoPrintersWithOneNameAreRefused() {
        Status status = refusal(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .addPrinters(Printer.newBuilder().setName("receipt"))
                        .addPrinters(Printer.newBuilder().setName("receipt")))
                .build());

        assertThat(status.getDescription())
                .isEqualTo("Hello.printers[1].name: \"receipt\" (expected: a name no other printer of the agent has)");
    }

    @Test
    void aCodePageProfileThatIsNoNameIsRefused() {
        Status status = refusal(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .addPrinters(Printer.newBuilder()
                                .setName("receipt")
                                .setCapabilities(
                                        PrinterCapabilities.newBuilder().setCodePageProfile("x".repeat(33)))))
                .build());

        assertThat(status.getDescription())
                .startsWith("Hello.printers[0].capabilities.code_page_profile: 33 characters");
    }

    @Test
    void aStatusDetailIsCutAndABadPrinterNameRefused() throws Exception {
        PrinterStatusChanged change = check.check(AgentMessage.newBuilder()
                        .setStatusChanged(PrinterStatusChanged.newBuilder()
                                .setPrinter("receipt")
                                .setStatus(PrinterStatus.newBuilder().setDetail("d".repeat(500))))
                        .build())
                .getStatusChanged();

        assertThat(change.getStatus().getDetail()).hasSize(200);
        assertThat(refusal(AgentMessage.newBuilder()
                                .setStatusChanged(
                                        PrinterStatusChanged.newBuilder().setPrinter("a b"))
                                .build())
                        .getDescription())
                .startsWith("PrinterStatusChanged.printer: 3 characters, \"a b\"");
    }

    @Test
    void aCommandIdLongerThanAnyOfOursIsRefused() {
        Status status = refusal(AgentMessage.newBuilder()
                .setAck(CommandAck.newBuilder().setCommandId("i".repeat(5000)))
                .build());

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription())
                .startsWith("CommandAck.command_id: 5000 characters, \"iiii")
                .endsWith("(expected: at most 36, the id of a command this server sent)");
    }

    private Status refusal(AgentMessage message) {
        return catchThrowableOfType(AgentMessageCheck.RefusedMessageException.class, () -> check.check(message))
                .status();
    }

    private static AgentMessage failure(String message) {
        return AgentMessage.newBuilder()
                .setResult(CommandResult.newBuilder()
                        .setCommandId("01a23fed-3e68-71ca-8a6b-96c5d67dd37d")
                        .setFailed(CommandFailed.newBuilder()
                                .setCode(FailureCode.FAILURE_CODE_PRINTER_ERROR)
                                .setMessage(message)))
                .build();
    }
}
