package io.printbridge.proto.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The versioning rules in agent_link.proto, checked on the wire: what an old peer does with a
 * message from a newer one. The "newer" messages are written by hand, field by field.
 */
class ContractCompatibilityTest {

    @Test
    void unknownFieldInAKnownMessageIsIgnoredAndKnownFieldsSurvive() throws Exception {
        byte[] newerHello = write(out -> {
            out.writeString(1, "9.9.9"); // agent_version
            out.writeUInt32(2, 7); // protocol_version
            out.writeString(42, "a future field"); // not in this schema
        });

        Hello hello = Hello.parseFrom(newerHello);

        assertThat(hello.getAgentVersion()).isEqualTo("9.9.9");
        assertThat(hello.getProtocolVersion()).isEqualTo(7);
        assertThat(hello.getUnknownFields().hasField(42)).isTrue();
    }

    @Test
    void unknownOneofMemberReadsAsNotSetSoTheReceiverCanIgnoreIt() throws Exception {
        byte[] newerServerMessage =
                write(out -> out.writeBytes(77, com.google.protobuf.ByteString.copyFromUtf8("new kind")));

        ServerMessage message = ServerMessage.parseFrom(newerServerMessage);

        assertThat(message.getKindCase()).isEqualTo(ServerMessage.KindCase.KIND_NOT_SET);
    }

    @Test
    void unknownCommandActionReadsAsNotSetWhileTheIdSurvives() throws Exception {
        byte[] newerCommand = write(out -> {
            out.writeString(1, "job-1");
            out.writeBytes(19, com.google.protobuf.ByteString.copyFromUtf8("cut-only"));
        });

        Command command = Command.parseFrom(newerCommand);

        assertThat(command.getId()).isEqualTo("job-1");
        assertThat(command.getActionCase()).isEqualTo(Command.ActionCase.ACTION_NOT_SET);
    }

    @Test
    void unknownEnumValueIsUnrecognizedNotAnError() throws Exception {
        byte[] newerFailure = write(out -> out.writeEnum(1, 99));

        CommandFailed failed = CommandFailed.parseFrom(newerFailure);

        assertThat(failed.getCode()).isEqualTo(FailureCode.UNRECOGNIZED);
        assertThat(failed.getCodeValue()).isEqualTo(99);
    }

    @Test
    void everyEnumStartsWithAnUnspecifiedZero() {
        assertThat(PrinterTransport.forNumber(0)).isEqualTo(PrinterTransport.PRINTER_TRANSPORT_UNSPECIFIED);
        assertThat(PrinterState.forNumber(0)).isEqualTo(PrinterState.PRINTER_STATE_UNSPECIFIED);
        assertThat(DrawerState.forNumber(0)).isEqualTo(DrawerState.DRAWER_STATE_UNSPECIFIED);
        assertThat(FailureCode.forNumber(0)).isEqualTo(FailureCode.FAILURE_CODE_UNSPECIFIED);
        assertThat(DisconnectReason.forNumber(0)).isEqualTo(DisconnectReason.DISCONNECT_REASON_UNSPECIFIED);
    }

    private interface Writer {
        void write(CodedOutputStream out) throws Exception;
    }

    private static byte[] write(Writer writer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
