package org.wsz6.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The internal API's settings, read the same way by both components from their configuration
 * ({@code wsz6.internal.*}). {@code property} looks a key up and returns null when it is unset.
 */
public record InternalApiSettings(String secret, Set<String> allowedAddresses, Duration timeout,
                                  UnaryOperator<String> property) {

    public static InternalApiSettings from(UnaryOperator<String> property) {
        String dataDir = orDefault(property.apply("wsz6.data-dir"), "./data");
        String secret = InternalSecretStore.resolve(property.apply("wsz6.internal.secret"), Path.of(dataDir));
        Set<String> allowed = Arrays.stream(orDefault(property.apply("wsz6.internal.allowed-addresses"),
                        "127.0.0.1,0:0:0:0:0:0:0:1,::1").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Duration timeout = Duration.ofMillis(Long.parseLong(orDefault(property.apply("wsz6.internal.timeout-ms"), "10000")));
        return new InternalApiSettings(secret, allowed, timeout, property);
    }

    /**
     * The base URL of the other component: {@code urlProperty} when set, else this same server
     * (all-in-one), whose port is only known once it has started.
     */
    public String baseUrl(String urlProperty) {
        String configured = property.apply(urlProperty);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return "http://127.0.0.1:" + orDefault(property.apply("local.server.port"),
                orDefault(property.apply("server.port"), "8080"));
    }

    public InternalHttpClient client(String urlProperty) {
        return new InternalHttpClient(() -> baseUrl(urlProperty), secret, timeout);
    }

    public InternalApiGuard guard() {
        return new InternalApiGuard(secret, allowedAddresses);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
