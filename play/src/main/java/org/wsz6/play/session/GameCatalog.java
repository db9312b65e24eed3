package org.wsz6.play.session;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.wsz6.play.gamehost.GameDescription;
import org.wsz6.play.gamehost.GameHost;
import org.wsz6.play.gamehost.GameHostException;

/**
 * Access to the game host, and the descriptions of installed game folders (roles, operators), read
 * once per folder: an installed version never changes. Tolerates a portal built without a game host
 * so play still starts; sessions then answer {@code worker_unavailable}.
 */
@Service
public class GameCatalog {

    private final ObjectProvider<GameHost> gameHost;
    private final Map<Path, GameDescription> descriptions = new ConcurrentHashMap<>();
    /** Looked up once: resolving the provider on every move showed up in profiles (bean-factory work). */
    private volatile GameHost resolved;

    public GameCatalog(ObjectProvider<GameHost> gameHost) {
        this.gameHost = gameHost;
    }

    public GameHost host() {
        GameHost host = resolved;
        if (host == null) {
            host = gameHost.getIfAvailable();
            if (host == null) {
                throw new GameHostException("worker_unavailable", "No game host is configured on this server.");
            }
            resolved = host;
        }
        return host;
    }

    public GameDescription describe(Path folder) {
        return descriptions.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> host().describe(f));
    }
}
