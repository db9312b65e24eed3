package org.wsz6.play.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.wsz6.play.session.SessionActor;
import org.wsz6.play.session.SessionInfo;
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.session.SessionStore;
import org.wsz6.play.ws.ParticipantCookies;

/**
 * {@code /play/assets/{sessionId}/{assetToken}/**}: files of a session's game folder (images, SVG, audio,
 * text). The session's unguessable asset token in the path authorises the request, because vis HTML runs
 * in sandboxed frames that send no cookie; the research replay of an ended session works the same way.
 * The older form without a token, {@code /play/assets/{sessionId}/**}, still works with the participant
 * cookie. Never Python source, never hidden files, never anything outside the folder. Served with a
 * sandbox CSP so an SVG opened on its own cannot run script on the portal's origin.
 */
@RestController
public class GameAssetController {

    private static final Set<String> REFUSED_EXTENSIONS = Set.of("py", "pyc", "pyo", "pyw", "pickle", "pkl", "env");

    private final SessionRegistry sessions;
    private final SessionStore store;

    public GameAssetController(SessionRegistry sessions, SessionStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    @GetMapping("/play/assets/{sessionId}/**")
    public ResponseEntity<Resource> asset(@PathVariable String sessionId, HttpServletRequest request) {
        Optional<SessionInfo> info = sessionInfo(sessionId);
        if (info.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String prefix = request.getContextPath() + "/play/assets/" + sessionId + "/";
        String uri = request.getRequestURI();
        String rest = uri.length() > prefix.length()
                ? URLDecoder.decode(uri.substring(prefix.length()), StandardCharsets.UTF_8) : "";
        Optional<String> relative = authorisedPath(info.get(), rest, request);
        if (relative.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Optional<Path> file = resolve(info.get().gameFolder(), relative.get());
        if (file.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = MediaTypeFactory.getMediaType(file.get().getFileName().toString())
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
                .body(new FileSystemResource(file.get()));
    }

    /** A live session, else a stored one (the replay viewer shows ended sessions too). */
    private Optional<SessionInfo> sessionInfo(String sessionId) {
        Optional<SessionActor> actor = sessions.find(sessionId);
        if (actor.isPresent()) {
            return Optional.of(actor.get().info());
        }
        return store.session(sessionId).map(SessionStore.StoredSession::info);
    }

    /**
     * The path inside the game folder if the request may read it: {@code rest} starts with the session's
     * asset token, or (the older URL form) the caller holds this session's participant cookie.
     */
    private Optional<String> authorisedPath(SessionInfo info, String rest, HttpServletRequest request) {
        int slash = rest.indexOf('/');
        if (slash > 0 && info.assetToken() != null && MessageDigest.isEqual(
                rest.substring(0, slash).getBytes(StandardCharsets.UTF_8),
                info.assetToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(rest.substring(slash + 1));
        }
        if (sessions.participantFor(info.id(), ParticipantCookies.read(request, info.id())).isPresent()) {
            return Optional.of(rest);
        }
        return Optional.empty();
    }

    /** The file inside {@code folder} named by {@code relative}, if it is a servable asset. */
    static Optional<Path> resolve(Path folder, String relative) {
        if (relative.isEmpty() || relative.contains("\\") || relative.contains("\0")) {
            return Optional.empty();
        }
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals("..") || part.equals(".") || part.startsWith(".")) {
                return Optional.empty(); // no traversal, no hidden files
            }
        }
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (REFUSED_EXTENSIONS.contains(ext) || relative.contains("__pycache__")) {
            return Optional.empty();
        }
        try {
            Path root = folder.toRealPath();
            Path file = root.resolve(relative).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(file);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
