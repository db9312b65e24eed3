package org.wsz6.admin.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wsz6.admin.permissions.Action;
import org.wsz6.admin.permissions.Actor;
import org.wsz6.admin.permissions.Permissions;

/**
 * Environment variables and network access for one game's workers (SZ6-CONTRACT §8). Names are
 * checked here so the admin learns at once why a name is refused; the game host drops the same
 * prefixes anyway, so a refused name would silently never reach the game. A change is announced to
 * play again so new workers get it.
 */
@Service
public class GameSettingsService {

    static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    static final List<String> RESERVED_PREFIXES = List.of("WSZ6_", "SPRING_", "JAVA", "PG");
    static final int MAX_NAME = 64;
    static final int MAX_VALUE = 4000;
    static final int MAX_VARIABLES = 32;

    private final GameSettingsRepository settings;
    private final GameRepository games;
    private final CatalogueService catalogue;
    private final Permissions permissions;
    private final PlayNotifier play;
    private final TransactionTemplate tx;

    public GameSettingsService(GameSettingsRepository settings, GameRepository games, CatalogueService catalogue,
                               Permissions permissions, PlayNotifier play,
                               @Qualifier("uardTransactions") TransactionTemplate tx) {
        this.settings = settings;
        this.games = games;
        this.catalogue = catalogue;
        this.permissions = permissions;
        this.play = play;
        this.tx = tx;
    }

    /** The settings as they go to play (values included): only for launching and announcing. */
    public GameSettings of(String slug) {
        return settings.find(slug);
    }

    /** Applies one form submission; refuses the whole of it, changing nothing, if any part is wrong. */
    public GameSettings update(Actor actor, String slug, GameSettingsChange change) {
        Game game = catalogue.visible(actor, slug);
        permissions.require(actor, Action.UPDATE_GAME, game.target());
        Map<String, String> env = new TreeMap<>(settings.find(slug).env());
        change.removals().forEach(env::remove);
        change.replacements().forEach((name, value) -> {
            if (value != null && !value.isEmpty() && env.containsKey(name)) {
                env.put(name, checkedValue(name, value));
            }
        });
        String newName = change.newName() == null ? "" : change.newName().trim();
        if (!newName.isEmpty()) {
            env.put(checkedName(newName), checkedValue(newName, change.newValue() == null ? "" : change.newValue()));
        } else if (change.newValue() != null && !change.newValue().isEmpty()) {
            throw new CatalogueException("Please give the new variable a name as well as a value.");
        }
        if (env.size() > MAX_VARIABLES) {
            throw new CatalogueException("A game can have at most " + MAX_VARIABLES + " variables.");
        }
        GameSettings updated = new GameSettings(env, change.allowNetwork(), change.adminsMayTakeOver());
        tx.executeWithoutResult(s -> {
            settings.save(slug, updated, actor.id(), Instant.now());
            games.markNotNotified(slug); // if play is down now, the retry loop sends the new settings later
        });
        play.gameChanged(slug);
        return updated;
    }

    static String checkedName(String name) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new CatalogueException("'" + shorten(name) + "' is not a usable variable name: use capital letters, "
                    + "digits and _, starting with a letter (for example GAME_LLM_URL), at most " + MAX_NAME + " characters.");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                throw new CatalogueException("Variable names starting with " + prefix + " are reserved for the portal "
                        + "and the game host, so " + name + " would never reach the game. Please choose another name.");
            }
        }
        return name;
    }

    static String checkedValue(String name, String value) {
        if (value.length() > MAX_VALUE) {
            throw new CatalogueException("The value of " + name + " is longer than " + MAX_VALUE + " characters.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new CatalogueException("The value of " + name + " contains a NUL character, which an environment "
                    + "variable cannot hold.");
        }
        return value;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
