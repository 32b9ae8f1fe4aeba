package io.printbridge.agent.testing;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.printbridge.certs.DevCertificates;
import javax.net.ssl.SSLException;

/** The server's side of the agents' mutual TLS 1.3, for the stand-in servers of the agent's tests. */
public final class ServerTls {

    private ServerTls() {}

    /** Presents {@code certificates}' server certificate and requires an agent certificate of their CA. */
    public static SslContext of(DevCertificates certificates) throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forServer(
                                certificates.serverCertificate().toFile(),
                                certificates.serverKey().toFile())
                        .trustManager(certificates.caCertificate().toFile())
                        .clientAuth(ClientAuth.REQUIRE)
                        .protocols("TLSv1.3"))
                .build();
    }
}
