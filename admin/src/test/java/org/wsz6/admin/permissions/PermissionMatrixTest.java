package org.wsz6.admin.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every cell of the matrix in docs/permissions.md and proves it against {@link Permissions}:
 * each cell token is turned into concrete situations (own and foreign targets, every access level
 * against every game status, own and other accounts, admin and non-admin accounts) that must be
 * allowed or refused exactly as the token says.
 */
class PermissionMatrixTest {

    private static final long ME = 100;
    private static final long SOMEONE_ELSE = 200;
    /** Column order of the table: GA AA GM RA SO GO PL, then guest. */
    private static final AccountType[] COLUMNS = {AccountType.GENERAL_ADMIN, AccountType.ACCOUNTS_ADMIN,
            AccountType.GAMES_ADMIN, AccountType.RESEARCH_ADMIN, AccountType.SESSION_OWNER,
            AccountType.GAME_OWNER, AccountType.PLAYER, null};

    private final Permissions permissions = new Permissions();

    record Cell(String rowKey, Action action, GameStatus fixedStatus, AccountType column, String token) {
        @Override
        public String toString() {
            return rowKey + " / " + (column == null ? "GUEST" : column) + " = " + token;
        }
    }

    /** One concrete situation derived from a cell, with the answer the token demands. */
    record Situation(Actor actor, Target target, boolean expected, String what) {
    }

    static Stream<Cell> cells() throws IOException {
        Path doc = Path.of(System.getProperty("wsz6.root", "..")).resolve("docs/permissions.md");
        List<Cell> cells = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] parts = line.split("\\|");
            String key = parts[1].trim().replace("`", "");
            String[] keyParts = key.split(" ");
            Action action = Action.valueOf(keyParts[0]);
            GameStatus status = keyParts.length > 1 ? GameStatus.fromWord(keyParts[1]) : null;
            for (int c = 0; c < COLUMNS.length; c++) {
                cells.add(new Cell(key, action, status, COLUMNS[c], parts[3 + c].trim()));
            }
        }
        return cells.stream();
    }

    @Test
    void theMatrixCoversEveryActionAndEveryColumn() throws IOException {
        Set<Action> documented = Set.copyOf(cells().map(Cell::action).toList());
        assertThat(documented).containsExactlyInAnyOrder(Action.values());
        assertThat(cells().count() % COLUMNS.length).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyCellHoldsAllowedAndDenied(Cell cell) {
        List<Situation> situations = situations(cell);
        assertThat(situations).as("situations for %s", cell).isNotEmpty();
        for (Situation s : situations) {
            Decision decision = permissions.check(s.actor(), cell.action(), s.target());
            assertThat(decision.allowed()).as("%s — %s", cell, s.what()).isEqualTo(s.expected());
            if (!decision.allowed()) {
                assertThat(decision.reason()).as("a refusal explains itself").isNotBlank();
            }
        }
    }

    private static List<Situation> situations(Cell cell) {
        List<Situation> out = new ArrayList<>();
        for (AccessLevel level : AccessLevel.values()) {
            for (boolean onList : new boolean[] {true, false}) {
                Actor actor = cell.column() == null ? Actor.guest()
                        : new Actor(ME, "me", cell.column(), level, onList ? Set.of("g") : Set.of());
                for (Target target : targets(cell)) {
                    out.add(new Situation(actor, target, expected(cell.token(), actor, target),
                            level + (onList ? " (game on list)" : "") + " on " + target));
                }
            }
        }
        return out;
    }

    /** Every target the action can be applied to: own and foreign, each game status, own and other accounts. */
    private static List<Target> targets(Cell cell) {
        List<Target> out = new ArrayList<>();
        List<GameStatus> statuses = cell.fixedStatus() != null ? List.of(cell.fixedStatus()) : List.of(GameStatus.values());
        switch (cell.action()) {
            case MANAGE_USER, GRANT_ADMIN_TYPE, GRANT_USER_TYPE -> {
                for (AccountType type : AccountType.values()) {
                    out.add(new Target.Account(ME, type));
                    out.add(new Target.Account(SOMEONE_ELSE, type));
                }
            }
            case UPDATE_GAME, RETIRE_GAME, CHANGE_LIFECYCLE, VIEW_GAME, START_SESSION, DEBUG_MODE -> {
                for (GameStatus status : statuses) {
                    out.add(new Target.Game("g", status, ME));
                    out.add(new Target.Game("g", status, SOMEONE_ELSE));
                    out.add(new Target.Game("g", status, null));
                }
            }
            case JOIN_SESSION, TAKE_ROLE, OBSERVE_SESSION, TAKE_OVER_ROLE, INVITE_TO_SESSION -> {
                for (GameStatus status : statuses) {
                    out.add(new Target.Session(ME, new Target.Game("g", status, ME)));
                    out.add(new Target.Session(SOMEONE_ELSE, new Target.Game("g", status, SOMEONE_ELSE)));
                }
            }
            default -> out.add(Target.NONE);
        }
        return out;
    }

    /** What a token means, written independently of {@link Permissions}. */
    private static boolean expected(String token, Actor actor, Target target) {
        return switch (token) {
            case "yes" -> true;
            case "no" -> false;
            case "own" -> owned(actor, target);
            case "access" -> reaches(actor, target);
            case "own+access" -> owned(actor, target) || reaches(actor, target);
            case "others" -> !self(actor, target);
            case "non-admin" -> !((Target.Account) target).currentType().isAdmin();
            case "others,non-admin" -> !self(actor, target) && !((Target.Account) target).currentType().isAdmin();
            default -> throw new IllegalArgumentException("Unknown cell token '" + token + "' in docs/permissions.md");
        };
    }

    private static boolean owned(Actor actor, Target target) {
        return switch (target) {
            case Target.Game g -> Long.valueOf(ME).equals(g.ownerId());
            case Target.Session s -> Long.valueOf(ME).equals(s.ownerId());
            default -> throw new IllegalArgumentException("'own' needs a game or session: " + target);
        };
    }

    private static boolean self(Actor actor, Target target) {
        return ((Target.Account) target).userId() == ME;
    }

    private static boolean reaches(Actor actor, Target target) {
        Target.Game game = target instanceof Target.Session s ? s.game() : (Target.Game) target;
        return switch (actor.accessLevel()) {
            case PUBLISHED -> game.status() == GameStatus.PUBLISHED || game.status() == GameStatus.DEPRECATED;
            case BETA -> game.status() != GameStatus.DEV;
            case ALL -> true;
            case CUSTOM -> actor.customGames().contains(game.slug());
        };
    }
}
