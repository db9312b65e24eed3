package org.wsz6.admin.catalogue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.GameStatus;
import org.wsz6.admin.permissions.Permissions;
import org.wsz6.admin.web.NotFoundException;

/** The game catalogue as each person may see it, and the lifecycle changes of a game. */
@Service
public class CatalogueService {

    private final GameRepository games;
    private final Permissions permissions;
    private final PlayNotifier play;
    private final TransactionTemplate tx;

    public CatalogueService(GameRepository games, Permissions permissions, PlayNotifier play,
                            @Qualifier("uardTransactions") TransactionTemplate tx) {
        this.games = games;
        this.permissions = permissions;
        this.play = play;
        this.tx = tx;
    }

    public record Filter(String query, GameStatus status, Integer players, Boolean mine) {
    }

    /** The games this person may see, filtered by text, status, player count and ownership. */
    public List<Game> list(Actor actor, Filter filter) {
        String q = filter.query() == null ? "" : filter.query().trim().toLowerCase(Locale.ROOT);
        return games.all().stream()
                .filter(g -> permissions.allows(actor, Action.VIEW_GAME, g.target()))
                .filter(g -> q.isEmpty() || g.title().toLowerCase(Locale.ROOT).contains(q)
                        || g.summary().toLowerCase(Locale.ROOT).contains(q) || g.slug().contains(q))
                .filter(g -> filter.status() == null || g.status() == filter.status())
                .filter(g -> filter.mine() == null || !filter.mine() || (actor.id() != null && actor.id().equals(g.ownerId())))
                .filter(g -> filter.players() == null || playable(g, filter.players()))
                .sorted(Comparator.comparing((Game g) -> g.title().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private boolean playable(Game game, int players) {
        return games.version(game.slug(), game.currentVersion())
                .map(v -> v.minPlayers() <= players && players <= Math.max(v.maxPlayers(), v.minPlayers()))
                .orElse(false);
    }

    /** A game this person may see; a game they may not see is reported as missing, not as forbidden. */
    public Game visible(Actor actor, String slug) {
        Game game = games.find(slug).orElseThrow(() -> new NotFoundException("There is no game '" + slug + "'."));
        if (!permissions.allows(actor, Action.VIEW_GAME, game.target())) {
            throw new NotFoundException("There is no game '" + slug + "' that you can reach.");
        }
        return game;
    }

    public GameVersion currentVersion(Game game) {
        return games.version(game.slug(), game.currentVersion())
                .orElseThrow(() -> new IllegalStateException("Game " + game.slug() + " has no version " + game.currentVersion()));
    }

    public List<GameVersion> versions(Game game) {
        return games.versions(game.slug());
    }

    public List<StatusChange> history(Game game) {
        return games.history(game.slug());
    }

    public GameStats stats(Game game) {
        return games.stats(game.slug());
    }

    public void changeStatus(Actor actor, String slug, GameStatus status) {
        Game game = visible(actor, slug);
        permissions.require(actor, Action.CHANGE_LIFECYCLE, game.target());
        if (game.status() == status) {
            return;
        }
        tx.executeWithoutResult(s -> games.updateStatus(slug, status, actor.id(), Instant.now()));
        play.gameChanged(slug);
    }

    public void retireVersion(Actor actor, String slug, String version) {
        Game game = visible(actor, slug);
        permissions.require(actor, Action.RETIRE_GAME, game.target());
        GameVersion v = games.version(slug, version)
                .orElseThrow(() -> new NotFoundException("Game '" + slug + "' has no version " + version + "."));
        if (v.version().equals(game.currentVersion())) {
            throw new CatalogueException("Version " + version + " is the current version; install a newer one first, "
                    + "or deprecate the game to stop new sessions.");
        }
        games.retireVersion(slug, version, Instant.now());
        play.versionRetired(slug, version);
    }
}
