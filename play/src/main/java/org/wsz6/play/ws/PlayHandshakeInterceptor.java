package org.wsz6.play.ws;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.wsz6.play.session.SessionRegistry;

/** Lets a WebSocket in only with a valid participant cookie for the session named in {@code ?session=}. */
class PlayHandshakeInterceptor implements HandshakeInterceptor {

    static final String SESSION = "sessionId";
    static final String PARTICIPANT = "participantId";
    static final String PERSPECTIVE = "perspective";

    private final SessionRegistry sessions;

    PlayHandshakeInterceptor(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (!(request instanceof ServletServerHttpRequest servlet)) {
            return false;
        }
        var http = servlet.getServletRequest();
        String sessionId = http.getParameter("session");
        String token = ParticipantCookies.read(http, sessionId);
        var participant = sessions.participantFor(sessionId, token);
        if (participant.isEmpty()) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(SESSION, sessionId);
        attributes.put(PARTICIPANT, participant.get());
        String role = http.getParameter("role");
        if (role != null && role.matches("\\d{1,4}")) {
            attributes.put(PERSPECTIVE, Integer.parseInt(role));
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
