package io.chorus.delivery;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a plain TCP socket with a tiny receive buffer that reads nothing until told to: a client
 * that stopped reading, as the slow-consumer policy must handle. (The JDK's client buffers on its own, so it cannot
 * play this part.) Server frames are unmasked; only what the test needs is parsed: text frames and the close code.
 */
final class StalledSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;

    /** A frame as read: opcode, and the text or the close code. */
    record Frame(int opcode, String text, int closeCode) {
        boolean isClose() {
            return opcode == 8;
        }
    }

    StalledSocket(String wsUrl, String token) throws IOException {
        URI uri = URI.create(wsUrl);
        socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the advertised window stays small
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(15_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getPath() + "?token=" + token + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                        + uri.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("no WebSocket upgrade: " + status);
        }
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    }

    /** The next frame; blocks (up to the socket time-out) until it arrives. */
    Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        int opcode = first & 0x0f;
        if (opcode == 8) {
            int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            return new Frame(
                    opcode, new String(payload, 2, Math.max(0, payload.length - 2), StandardCharsets.UTF_8), code);
        }
        return new Frame(opcode, new String(payload, StandardCharsets.UTF_8), 0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
