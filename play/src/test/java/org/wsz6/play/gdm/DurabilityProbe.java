package org.wsz6.play.gdm;

import java.time.Instant;
import java.util.Map;
import org.springframework.mock.env.MockEnvironment;

/**
 * Run in a child JVM by {@link SigkillDurabilityTest}: appends events one by one to an H2 GDM
 * configured exactly as the portal does, printing each seq once its transaction has committed
 * (the moment the portal would send {@code ack}), until it is killed.
 */
public final class DurabilityProbe {

    public static void main(String[] args) throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("wsz6.gdm.url", "jdbc:h2:file:" + args[0]);
        GdmDatabaseConfig config = new GdmDatabaseConfig();
        var ds = config.gdmDataSource(env);
        var jdbc = config.gdmJdbc(ds, config.gdmFlyway(ds, env));
        var log = new EventLog(jdbc, config.gdmTransactions(config.gdmTransactionManager(ds)));
        jdbc.sql("""
                INSERT INTO sessions (id, game_slug, game_version, game_title, game_folder, owner_json, options_json,
                    game_env_json, allow_network, debug, phase, invite_token, created_at, updated_at)
                VALUES ('probe', 'g', '1', 'G', '/tmp/g', '{}', '{}', '{}', FALSE, FALSE, 'playing', 'inv', ?, ?)""")
                .params(GdmTime.db(Instant.now()), GdmTime.db(Instant.now())).update();
        var cursor = new EventLog.AtomicCursor(log.cursor("probe"));
        for (int i = 0; ; i++) {
            LogEvent e = log.appendOne("probe", cursor, NewEvent.of("pt", "move", "p", Map.of("op_index", i)));
            System.out.println("committed " + e.seq());
            System.out.flush();
        }
    }
}
