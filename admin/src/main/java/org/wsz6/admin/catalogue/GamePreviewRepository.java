package org.wsz6.admin.catalogue;

import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The initial-state views of each installed version, per role (table {@code game_previews}). */
@Repository
public class GamePreviewRepository {

    private final JdbcClient jdbc;

    public GamePreviewRepository(@Qualifier("uardJdbc") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RolePreview> find(String slug, String version) {
        return jdbc.sql("SELECT role_index, role_name, vis_html, text_view FROM game_previews "
                        + "WHERE game_slug = ? AND version = ? ORDER BY role_index")
                .params(slug, version)
                .query((rs, n) -> new RolePreview(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Replaces the previews of one version. */
    public void save(String slug, String version, List<RolePreview> previews) {
        jdbc.sql("DELETE FROM game_previews WHERE game_slug = ? AND version = ?").params(slug, version).update();
        for (RolePreview p : previews) {
            jdbc.sql("INSERT INTO game_previews (game_slug, version, role_index, role_name, vis_html, text_view) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(slug, version, p.role(), p.roleName(), p.visHtml(), p.text()).update();
        }
    }
}
