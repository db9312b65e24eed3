package org.wsz6.play.research;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wsz6.contract.InternalApiSettings;

/**
 * Stable pseudonyms for participants in research exports: {@code p_} + the first 12 hex digits of
 * HMAC-SHA256(key, participant id). Without the key nobody can link a pseudonym back to a person;
 * with the same key the same participant always gets the same pseudonym. The key is
 * {@code wsz6.research.pseudonym-key}, by default derived from the internal API secret (kept in
 * the data folder, so it survives restarts).
 */
@Component
public class Pseudonyms {

    private final byte[] key;
    /** A session has few participants but a log has many events: each pseudonym is computed once. */
    private final java.util.Map<String, String> cache = new java.util.concurrent.ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    public Pseudonyms(Environment env, InternalApiSettings playInternalApiSettings) {
        String configured = env.getProperty("wsz6.research.pseudonym-key");
        this.key = configured != null && !configured.isBlank()
                ? configured.getBytes(StandardCharsets.UTF_8)
                : hmac(playInternalApiSettings.secret().getBytes(StandardCharsets.UTF_8), "wsz6 research pseudonyms");
    }

    Pseudonyms(byte[] key) {
        this.key = key.clone();
    }

    /** The pseudonym of a participant id; null stays null (events by nobody, e.g. timeouts). */
    public String of(String participantId) {
        if (participantId == null) {
            return null;
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        return cache.computeIfAbsent(participantId, id -> "p_" + HexFormat.of().formatHex(hmac(key, id)).substring(0, 12));
    }

    private static byte[] hmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
