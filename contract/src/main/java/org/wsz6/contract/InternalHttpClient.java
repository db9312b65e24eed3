package org.wsz6.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.wsz6.contract.v1.InternalApiV1;

/**
 * JSON over HTTP with the shared-secret header: the one transport both components use to call each
 * other, even inside one JVM, so either can be deployed alone. The base URL is a supplier because
 * in tests the port is only known once the server has started.
 */
public class InternalHttpClient {

    /** Jackson set up the way the contract's JSON examples are written (ISO instants, unknown fields ignored). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Supplier<String> baseUrl;
    private final String secret;
    private final HttpClient http;
    private final Duration timeout;

    public InternalHttpClient(Supplier<String> baseUrl, String secret, Duration timeout) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public <T> T post(String path, Object body, Class<T> responseType) {
        try {
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), path, responseType);
        } catch (IOException e) {
            throw new InternalApiException("Could not encode the request to " + path + ": " + e.getMessage(), 0, e);
        }
    }

    public <T> T get(String path, Class<T> responseType) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path, responseType);
    }

    /**
     * GET whose answer is streamed: the caller reads (and must close) the body as it arrives, so a
     * log of a million events passes through without being held in memory. The timeout covers
     * the wait for the answer to begin, not the whole transfer.
     */
    public java.io.InputStream open(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).GET().header(InternalApiV1.SECRET_HEADER, secret)
                .timeout(timeout).build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new InternalApiException("The other portal component is unreachable at " + request.uri()
                    + " (" + e.getMessage() + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalApiException("Interrupted while calling " + path, 0, e);
        }
        if (response.statusCode() / 100 != 2) {
            String body;
            try (java.io.InputStream in = response.body()) {
                body = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw new InternalApiException(path + " answered " + response.statusCode() + ": " + body,
                    response.statusCode(), null);
        }
        return response.body();
    }

    private <T> T send(HttpRequest.Builder builder, String path, Class<T> responseType) {
        HttpRequest request = builder.header(InternalApiV1.SECRET_HEADER, secret)
                .header("Accept", "application/json").timeout(timeout).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new InternalApiException("The other portal component is unreachable at " + request.uri()
                    + " (" + e.getMessage() + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalApiException("Interrupted while calling " + path, 0, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new InternalApiException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), response.statusCode(), null);
        }
        if (responseType == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return JSON.readValue(response.body(), responseType);
        } catch (IOException e) {
            throw new InternalApiException("Could not read the answer of " + path + ": " + e.getMessage(),
                    response.statusCode(), e);
        }
    }

    private URI uri(String path) {
        String base = baseUrl.get();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }
}
