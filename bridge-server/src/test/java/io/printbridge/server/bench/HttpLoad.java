package io.printbridge.server.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A lean HTTP/1.1 load client for the benchmarks: a few keep-alive connections, each sending one
 * request after the other and reading the answer with nothing more than the status line and
 * {@code Content-Length}. The JDK's HttpClient costs several times more CPU per request, which
 * on a 2-core machine would be taken from the server being measured.
 */
final class HttpLoad {

    /** What one run did. */
    record Outcome(int sent, int accepted, int refused) {
        /** The same counted in jobs, for requests that carried {@code jobsPerRequest} each. */
        Outcome times(int jobsPerRequest) {
            return new Outcome(sent * jobsPerRequest, accepted * jobsPerRequest, refused * jobsPerRequest);
        }
    }

    private final String host;
    private final int port;
    private final String token;

    HttpLoad(String host, int port, String token) {
        this.host = host;
        this.port = port;
        this.token = token;
    }

    /**
     * POSTs {@code count} bodies over {@code connections} connections; request {@code i} goes to
     * {@code path.apply(i)}. A 2xx answer counts as accepted.
     */
    Outcome post(int count, int connections, IntFunction<String> path, byte[] body) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(
                    () -> {
                        try (Socket socket = new Socket()) {
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(host, port), 5000);
                            OutputStream out = socket.getOutputStream();
                            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                            int i;
                            while ((i = next.getAndIncrement()) < count) {
                                out.write(request(path.apply(i), body));
                                out.flush();
                                int status = readResponse(in);
                                (status / 100 == 2 ? accepted : refused).incrementAndGet();
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "http-load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("load connection failed: " + failures.get(0), failures.get(0));
        }
        return new Outcome(count, accepted.get(), refused.get());
    }

    private byte[] request(String path, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Reads one response and returns its status; the body is read and dropped. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = true;
            }
        }
        if (chunked || length < 0) {
            throw new IOException("the benchmark expects a Content-Length answer (status " + status + ")");
        }
        in.skipNBytes(length);
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
