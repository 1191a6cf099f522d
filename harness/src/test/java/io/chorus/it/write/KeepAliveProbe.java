package io.chorus.it.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection driven by hand, for what a client library hides: whether a request's body
 * arrived with its headers or after them, and whether the server still answers on the same connection afterwards.
 */
final class KeepAliveProbe implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    KeepAliveProbe(String baseUrl) throws IOException {
        URI uri = URI.create(baseUrl);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends the headers, then (after {@code bodyLagMillis}, in a packet of its own) the body; reads the answer. */
    int post(String path, String body, long bodyLagMillis) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\nHost: chorus\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(bodyLagMillis); // not a wait for readiness: it puts the body in a later TCP segment
        out.write(bytes);
        out.flush();
        return readAnswer();
    }

    /** The status of a GET on this connection, or -1 when the server closed it. */
    int get(String path) throws IOException {
        try {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: chorus\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAnswer();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private int readAnswer() throws IOException {
        String head = readHead();
        if (head == null) {
            return -1;
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(head.substring(9, 12));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
