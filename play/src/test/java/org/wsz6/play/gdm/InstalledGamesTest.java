package org.wsz6.play.gdm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsz6.play.session.SessionStore;

/** Admin announces installed game versions to play; the same announcement may arrive twice at once. */
class InstalledGamesTest extends BothGdmDatabases {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theSameVersionAnnouncedConcurrentlyIsStoredOnceWithoutAnError(String kind) throws Exception {
        SessionStore store = new SessionStore(db(kind).jdbc);
        String slug = "race-" + System.nanoTime();
        int announcers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(announcers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < announcers; i++) {
                String title = "Title " + i;
                done.add(pool.submit(() -> {
                    go.await();
                    store.upsertInstalledGame(slug, "1.0", title, "/games/" + slug, "ready");
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS); // rethrows a DuplicateKeyException, as the internal API did
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db(kind).jdbc.sql("SELECT COUNT(*) FROM installed_games WHERE slug = ?").param(slug)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(store.isRetired(slug, "1.0")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void announcingARetiredVersionAgainBringsItBack(String kind) {
        SessionStore store = new SessionStore(db(kind).jdbc);
        String slug = "again-" + System.nanoTime();
        store.upsertInstalledGame(slug, "1.0", "Old title", "/games/" + slug, "ready");
        store.retireGame(slug, "1.0");
        assertThat(store.isRetired(slug, "1.0")).isTrue();
        store.upsertInstalledGame(slug, "1.0", "New title", "/games/" + slug, "ready");
        assertThat(store.isRetired(slug, "1.0")).isFalse();
        assertThat(db(kind).jdbc.sql("SELECT title FROM installed_games WHERE slug = ?").param(slug)
                .query(String.class).single()).isEqualTo("New title");
    }
}
