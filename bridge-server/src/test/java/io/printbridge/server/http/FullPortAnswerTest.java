package io.printbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A refused connection of a full REST port, on embedded channels: answered 503, its request
 * dropped, and the port pausing while too many refused ones linger.
 */
class FullPortAnswerTest {

    @Test
    void everyRefusedConnectionIsAnswered503AndThePortPausesWhileTooManyLinger() {
        FullPortAnswer answer = new FullPortAnswer(2);
        EmbeddedChannel listener = new EmbeddedChannel();
        answer.listenOn(listener);

        EmbeddedChannel first = refused(answer);
        assertThat(written(first))
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("Retry-After: 1\r\n", "Connection: close\r\n", "\"code\":\"SERVER_BUSY\"");
        assertThat((Object) first.readInbound())
                .as("the request went no further")
                .isNull();
        assertThat(listener.config().isAutoRead())
                .as("accepting with one lingering")
                .isTrue();

        EmbeddedChannel second = refused(answer);
        EmbeddedChannel third = refused(answer); // the rest of an accepted batch: answered all the same
        assertThat(listener.config().isAutoRead())
                .as("accepting with three lingering")
                .isFalse();
        assertThat(written(third)).startsWith("HTTP/1.1 503");

        first.close();
        assertThat(listener.config().isAutoRead()).as("two still lingering").isFalse();
        second.close();
        assertThat(listener.config().isAutoRead()).as("one lingering").isTrue();
        assertThat(answer.lingering()).isEqualTo(1);
    }

    private static EmbeddedChannel refused(FullPortAnswer answer) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addFirst(answer.handler());
        return channel;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String written(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }
}
