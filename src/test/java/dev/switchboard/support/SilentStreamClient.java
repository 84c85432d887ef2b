package dev.switchboard.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stream connection that opens properly and then goes silent: it never answers the server's ping
 * frames and never sends a message. What a laptop that went to sleep or a dropped NAT flow looks like
 * from the server. (The JDK's WebSocket client answers pings by itself, so it cannot play this part.)
 */
public final class SilentStreamClient implements AutoCloseable {

    private final Socket socket;

    public SilentStreamClient(int port, String bearer) throws IOException {
        socket = new Socket("127.0.0.1", port);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String handshake = "GET /api/v1/stream HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + bearer + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(handshake.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + status);
        }
    }

    /**
     * True once the server has closed the connection: a close frame came, or the end of the stream.
     * Reads (and drops) the frames before it, pings included, without ever answering one.
     */
    public boolean closedByServer() {
        try {
            socket.setSoTimeout(100);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return true;
                }
                socket.setSoTimeout(5_000); // the rest of a frame that has begun follows at once
                int length = in.readUnsignedByte() & 0x7f;
                long payload = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
                in.skipNBytes(payload);
                if ((first & 0x0f) == 0x8) {
                    return true;
                }
                socket.setSoTimeout(100);
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        return headers.toString().lines().findFirst().orElse("");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
