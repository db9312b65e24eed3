package org.wsz6.admin.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;

/** Accounts in UARD. Usernames and e-mail addresses are stored lower-case, so look-ups ignore case. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = "id, username, display_name, email, account_type, access_level, active, "
            + "password_hash IS NOT NULL AS has_password, created_at, last_login_at";

    private final JdbcClient jdbc;

    public AccountRepository(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(String query, AccountType type, Boolean active) {
        public static final Filter ALL = new Filter(null, null, null);
    }

    public Optional<Account> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = ?").param(normalise(username))
                .query(this::map).optional();
    }

    public Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = ?").param(normalise(email))
                .query(this::map).optional();
    }

    public Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM users WHERE username = ?").param(normalise(username))
                .query(String.class).optional();
    }

    public List<Account> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM users WHERE 1 = 1");
        var params = new java.util.ArrayList<Object>();
        if (filter.query() != null && !filter.query().isBlank()) {
            sql.append(" AND (username LIKE ? OR LOWER(display_name) LIKE ? OR email LIKE ?)");
            String like = "%" + filter.query().trim().toLowerCase(Locale.ROOT) + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (filter.type() != null) {
            sql.append(" AND account_type = ?");
            params.add(filter.type().name());
        }
        if (filter.active() != null) {
            sql.append(" AND active = ?");
            params.add(filter.active());
        }
        sql.append(" ORDER BY username");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(normalise(username))
                .query(Long.class).single() > 0;
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email = ?").param(normalise(email))
                .query(Long.class).single() > 0;
    }

    public long insert(String username, String displayName, String email, String passwordHash,
                       AccountType type, AccessLevel accessLevel, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (username, display_name, email, password_hash, account_type, access_level, "
                        + "active, created_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)")
                .params(normalise(username), displayName, email == null || email.isBlank() ? null : normalise(email),
                        passwordHash, type.name(), accessLevel.name(), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void updateProfile(long id, String displayName, String email) {
        jdbc.sql("UPDATE users SET display_name = ?, email = ? WHERE id = ?")
                .params(displayName, email == null || email.isBlank() ? null : normalise(email), id).update();
    }

    public void updateType(long id, AccountType type) {
        jdbc.sql("UPDATE users SET account_type = ? WHERE id = ?").params(type.name(), id).update();
    }

    public void updateAccess(long id, AccessLevel level, Set<String> customGames) {
        jdbc.sql("UPDATE users SET access_level = ? WHERE id = ?").params(level.name(), id).update();
        jdbc.sql("DELETE FROM user_game_access WHERE user_id = ?").param(id).update();
        if (level == AccessLevel.CUSTOM) {
            for (String slug : customGames) {
                jdbc.sql("INSERT INTO user_game_access (user_id, game_slug) VALUES (?, ?)").params(id, slug).update();
            }
        }
    }

    public void updatePasswordHash(long id, String hash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(hash, id).update();
    }

    public void updateActive(long id, boolean active) {
        jdbc.sql("UPDATE users SET active = ? WHERE id = ?").params(active, id).update();
    }

    public void touchLogin(String username, Instant when) {
        jdbc.sql("UPDATE users SET last_login_at = ? WHERE username = ?").params(Timestamp.from(when), normalise(username)).update();
    }

    /** Forgets every remember-me token of the account, so a deactivated or reset account is logged out everywhere. */
    public void forgetRememberMe(String username) {
        jdbc.sql("DELETE FROM persistent_logins WHERE username = ?").param(normalise(username)).update();
    }

    private Set<String> customGames(long userId) {
        return new HashSet<>(jdbc.sql("SELECT game_slug FROM user_game_access WHERE user_id = ?").param(userId)
                .query(String.class).list());
    }

    private Account map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        AccessLevel level = AccessLevel.valueOf(rs.getString("access_level"));
        return new Account(id, rs.getString("username"), rs.getString("display_name"), rs.getString("email"),
                AccountType.valueOf(rs.getString("account_type")), level,
                level == AccessLevel.CUSTOM ? customGames(id) : Set.of(), rs.getBoolean("active"),
                rs.getBoolean("has_password"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("last_login_at")));
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static String normalise(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
