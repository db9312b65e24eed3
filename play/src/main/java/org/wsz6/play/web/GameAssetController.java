package org.wsz6.play.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.wsz6.play.session.SessionRegistry;
import org.wsz6.play.ws.ParticipantCookies;

/**
 * {@code /play/assets/{sessionId}/**}: files of a session's game folder (images, SVG, audio, text),
 * for that session's participants only. Never Python source, never anything outside the folder.
 * Served with a sandbox CSP so an SVG opened on its own cannot run script on the portal's origin.
 */
@RestController
public class GameAssetController {

    private static final Set<String> REFUSED_EXTENSIONS = Set.of("py", "pyc", "pyo", "pyw", "pickle", "pkl", "env");

    private final SessionRegistry sessions;

    public GameAssetController(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/play/assets/{sessionId}/**")
    public ResponseEntity<Resource> asset(@PathVariable String sessionId, HttpServletRequest request) {
        Optional<SessionActor> actor = sessions.find(sessionId);
        if (actor.isEmpty() || sessions.participantFor(sessionId, ParticipantCookies.read(request, sessionId)).isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String prefix = "/play/assets/" + sessionId + "/";
        String uri = request.getRequestURI();
        String relative = uri.length() > prefix.length() ? java.net.URLDecoder.decode(
                uri.substring(request.getContextPath().length() + prefix.length()), java.nio.charset.StandardCharsets.UTF_8) : "";
        Optional<Path> file = resolve(actor.get().info().gameFolder(), relative);
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
