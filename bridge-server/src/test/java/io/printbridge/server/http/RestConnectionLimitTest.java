package io.printbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.printbridge.server.grpc.AgentConnectionBudget;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which connection gives way at the bound, on embedded channels with a hand-moved clock. */
class RestConnectionLimitTest {

    private static final Duration SILENT_TO_CLOSE = Duration.ofSeconds(2);
    private static final Duration IDLE_TO_CLOSE = Duration.ofSeconds(30);

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void theBoundIsHalfWhatTheAgentsPortLeavesWithinItsLimits() {
        assertThat(RestConnectionLimit.maxConnections(7, 65_536, 64_536)).isEqualTo(7);
        assertThat(RestConnectionLimit.maxConnections(0, 65_536, 64_536)).isEqualTo(500);
        assertThat(RestConnectionLimit.maxConnections(0, 1_024, 512)).isEqualTo(256);
        assertThat(RestConnectionLimit.maxConnections(0, 40, 20)).isEqualTo(RestConnectionLimit.MIN_DERIVED);
        assertThat(RestConnectionLimit.maxConnections(0, 2_000_000, 2_000)).isEqualTo(RestConnectionLimit.MAX_DERIVED);
        assertThat(RestConnectionLimit.maxConnections(0, -1, AgentConnectionBudget.UNBOUNDED))
                .isEqualTo(RestConnectionLimit.MAX_DERIVED);
        // The agents' bound set above the limit: nothing left to halve, the largest derived bound.
        assertThat(RestConnectionLimit.maxConnections(0, 1_024, 5_000)).isEqualTo(RestConnectionLimit.MAX_DERIVED);
        assertThatThrownBy(() -> new RestConnectionLimit(0, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get))
                .hasMessageContaining("bridge.http.max-connections: 0 (expected: 1 or more)");
    }

    @Test
    void atTheBoundTheConnectionIdleTheLongestIsClosedAndAnAnsweringOneNever() {
        RestConnectionLimit limit = new RestConnectionLimit(2, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel answering = admitted(limit);
        clock.addAndGet(10);
        EmbeddedChannel idle = admitted(limit);
        // The oldest connection is answering a request: it stays, the newer idle one gives way.
        answering.writeInbound(request());

        clock.addAndGet(IDLE_TO_CLOSE.toNanos());
        EmbeddedChannel third = admitted(limit);

        assertThat(answering.isOpen()).isTrue();
        assertThat(idle.isOpen()).isFalse();
        assertThat(third.isOpen()).isTrue();
        assertThat(limit.idleClosed()).isEqualTo(1);
        assertThat(limit.connections()).isEqualTo(2);
        assertThat(limit.answering()).isEqualTo(1);
    }

    @Test
    void aConnectionIsIdleAgainOnceItsAnswerEndsNotAfterAHundredContinue() {
        RestConnectionLimit limit = new RestConnectionLimit(2, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel first = admitted(limit);
        first.writeInbound(request());
        first.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        clock.addAndGet(10);
        EmbeddedChannel second = admitted(limit);
        second.writeInbound(request());

        // Both answering (the 100 Continue did not end the first one's answer): no room.
        assertThat(limit.admit(new EmbeddedChannel())).isNull();
        assertThat(limit.refused()).isEqualTo(1);

        // The first one's answer ends, head then body: it is idle and gives way to the next one.
        first.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        first.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        clock.addAndGet(IDLE_TO_CLOSE.toNanos());
        EmbeddedChannel third = admitted(limit);
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).isTrue();
    }

    @Test
    void aSilentConnectionGivesWayBeforeAPooledOneIdleLonger() {
        RestConnectionLimit limit = new RestConnectionLimit(2, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel pooled = admitted(limit);
        pooled.writeInbound(request());
        pooled.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        clock.addAndGet(10);
        EmbeddedChannel silent = admitted(limit);

        clock.addAndGet(IDLE_TO_CLOSE.toNanos());
        EmbeddedChannel third = admitted(limit);

        // Both may give way; the pooled one has been idle longer, but it carried a request: the silent
        // one goes.
        assertThat(silent.isOpen()).isFalse();
        assertThat(pooled.isOpen()).isTrue();
        assertThat(third.isOpen()).isTrue();
    }

    @Test
    void theSilentConnectionToGoIsFromTheAddressHoldingTheMost() {
        RestConnectionLimit limit = new RestConnectionLimit(3, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel erp = admittedFrom(limit, "10.0.0.2");
        clock.addAndGet(10);
        EmbeddedChannel flood1 = admittedFrom(limit, "10.0.0.66");
        clock.addAndGet(10);
        EmbeddedChannel flood2 = admittedFrom(limit, "10.0.0.66");

        clock.addAndGet(IDLE_TO_CLOSE.toNanos());
        EmbeddedChannel next = admittedFrom(limit, "10.0.0.66");

        // The ERP's connection is the oldest silent one, but the flooding address holds two.
        assertThat(erp.isOpen()).isTrue();
        assertThat(flood1.isOpen()).isFalse();
        assertThat(flood2.isOpen()).isTrue();
        assertThat(next.isOpen()).isTrue();
    }

    @Test
    void aPooledConnectionJustUsedIsNotClosedTheNewOneIsRefusedUntilItHasBeenIdleAWhile() {
        RestConnectionLimit limit = new RestConnectionLimit(1, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel pooled = admitted(limit);
        pooled.writeInbound(request());
        pooled.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));

        // Its client may send on it any moment: closing it now could fail that request.
        clock.addAndGet(IDLE_TO_CLOSE.toNanos() - 1);
        assertThat(limit.admit(new EmbeddedChannel())).isNull();
        assertThat(pooled.isOpen()).isTrue();

        clock.addAndGet(1);
        EmbeddedChannel next = admitted(limit);
        assertThat(pooled.isOpen()).isFalse();
        assertThat(next.isOpen()).isTrue();
    }

    @Test
    void aNewConnectionWhoseRequestIsNotReadYetIsNotClosedForAnother() {
        RestConnectionLimit limit = new RestConnectionLimit(1, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel justOpened = admitted(limit);

        // Its client's request is on its way (a loop behind has not read it): the newer one is refused.
        clock.addAndGet(SILENT_TO_CLOSE.toNanos() - 1);
        assertThat(limit.admit(new EmbeddedChannel())).isNull();
        assertThat(justOpened.isOpen()).isTrue();
        assertThat(limit.refused()).isEqualTo(1);

        // Silent for the whole silent-to-close: a client holding it, not sending. It gives way.
        clock.addAndGet(1);
        EmbeddedChannel next = admitted(limit);
        assertThat(justOpened.isOpen()).isFalse();
        assertThat(next.isOpen()).isTrue();
    }

    @Test
    void aRefusalIsRecentForTheWindowAfterIt() {
        RestConnectionLimit limit = new RestConnectionLimit(1, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        assertThat(limit.refusedWithin(Duration.ofMinutes(1))).isFalse();
        admitted(limit).writeInbound(request());

        assertThat(limit.admit(new EmbeddedChannel())).isNull();
        assertThat(limit.refusedWithin(Duration.ofMinutes(1))).isTrue();
        clock.addAndGet(Duration.ofMinutes(1).toNanos() + 1);
        assertThat(limit.refusedWithin(Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void aClosedConnectionFreesItsPlace() {
        RestConnectionLimit limit = new RestConnectionLimit(1, SILENT_TO_CLOSE, IDLE_TO_CLOSE, clock::get);
        EmbeddedChannel first = admitted(limit);
        first.writeInbound(request());
        assertThat(limit.admit(new EmbeddedChannel())).isNull();

        first.close();
        EmbeddedChannel second = admitted(limit);
        assertThat(second.isOpen()).isTrue();
        assertThat(limit.connections()).isEqualTo(1);
    }

    private static EmbeddedChannel admitted(RestConnectionLimit limit) {
        EmbeddedChannel channel = new EmbeddedChannel();
        RestConnection connection = limit.admit(channel);
        assertThat(connection).as("admitted").isNotNull();
        channel.pipeline().addLast(connection.tracker());
        return channel;
    }

    /** An admitted channel whose peer is {@code address} (an embedded channel's is not an IP address). */
    private static EmbeddedChannel admittedFrom(RestConnectionLimit limit, String address) {
        InetSocketAddress remote = new InetSocketAddress(address, 40_000);
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        assertThat(limit.admit(channel)).as("admitted").isNotNull();
        return channel;
    }

    private static DefaultFullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health");
    }
}
