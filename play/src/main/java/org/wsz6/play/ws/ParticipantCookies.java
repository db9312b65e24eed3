package org.wsz6.play.ws;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.ResponseCookie;

/**
 * The participant cookie {@code wsz6_p_<sessionId>}: an unguessable token, HttpOnly (JavaScript
 * never sees it), SameSite=Lax, limited to {@code /play}. One cookie per session, so a browser can
 * be in several sessions at once.
 */
public final class ParticipantCookies {

    private static final Duration LIFETIME = Duration.ofDays(30);

    private ParticipantCookies() {
    }

    public static String name(String sessionId) {
        return "wsz6_p_" + sessionId;
    }

    public static void set(HttpServletRequest request, HttpServletResponse response, String sessionId, String token) {
        ResponseCookie cookie = ResponseCookie.from(name(sessionId), token)
                .httpOnly(true).sameSite("Lax").path("/play").secure(request.isSecure()).maxAge(LIFETIME).build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    public static String read(HttpServletRequest request, String sessionId) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null || sessionId == null) {
            return null;
        }
        String name = name(sessionId);
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }
}
