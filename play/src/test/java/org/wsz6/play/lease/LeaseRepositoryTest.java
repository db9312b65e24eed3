package org.wsz6.play.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
import org.wsz6.play.gdm.GdmTestDatabase;

/** Session leases against the embedded H2 and the real PostgreSQL, as several nodes would use them. */
class LeaseRepositoryTest {

    private static final Duration TTL = Duration.ofMillis(600);

    private static void waitPast(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis() + 150);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aNewSessionIsOwnedByItsNodeAtEpochOneAndNobodyElseCanTakeItWhileRenewed(String db) throws Exception {
        try (GdmTestDatabase gdm = GdmTestDatabase.of(db)) {
            LeaseRepository a = new LeaseRepository(gdm.jdbc, "node-a", TTL);
            LeaseRepository b = new LeaseRepository(gdm.jdbc, "node-b", TTL);
            assertThat(a.claimNew("s1")).isEqualTo(1);
            assertThatThrownBy(() -> b.claimNew("s1")).isInstanceOf(DuplicateKeyException.class);
            assertThat(b.acquire("s1")).isEmpty();
            for (int i = 0; i < 4; i++) { // renewed more often than the TTL: stays with a
                Thread.sleep(TTL.toMillis() / 3);
                assertThat(a.renewAll()).containsExactly("s1");
                assertThat(b.acquire("s1")).isEmpty();
            }
            assertThat(a.lease("s1")).get().satisfies(l -> {
                assertThat(l.ownerNode()).isEqualTo("node-a");
                assertThat(l.epoch()).isEqualTo(1);
                assertThat(l.expired()).isFalse();
            });
            assertThat(a.expired()).isEmpty();
            assertThat(b.liveOwners()).containsExactly("node-a");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anExpiredLeaseIsTakenOverWithAHigherEpochAndTheOldOwnerLosesIt(String db) throws Exception {
        try (GdmTestDatabase gdm = GdmTestDatabase.of(db)) {
            LeaseRepository a = new LeaseRepository(gdm.jdbc, "node-a", TTL);
            LeaseRepository b = new LeaseRepository(gdm.jdbc, "node-b", TTL);
            a.claimNew("s1");
            a.claimNew("s2");
            waitPast(TTL); // node a stopped renewing (killed)
            assertThat(b.expired()).containsExactly("s1", "s2");
            assertThat(b.lease("s1")).get().extracting(LeaseRepository.Lease::expired).isEqualTo(true);
            assertThat(b.acquire("s1")).isEqualTo(OptionalLong.of(2));
            assertThat(b.lease("s1")).get().satisfies(l -> {
                assertThat(l.ownerNode()).isEqualTo("node-b");
                assertThat(l.epoch()).isEqualTo(2);
            });
            // node a comes back (a long pause, not a crash): its renewal shows what it still holds.
            assertThat(a.renewAll()).containsExactly("s2");
            assertThat(b.renewAll()).containsExactly("s1");
            waitPast(TTL);
            assertThat(a.acquire("s1")).isEqualTo(OptionalLong.of(3)); // epochs only grow
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void nodesRacingForAnExpiredLeaseGetExactlyOneWinner(String db) throws Exception {
        try (GdmTestDatabase gdm = GdmTestDatabase.of(db); var pool = Executors.newFixedThreadPool(4)) {
            new LeaseRepository(gdm.jdbc, "node-dead", TTL).claimNew("s1");
            waitPast(TTL);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<OptionalLong>> tries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                LeaseRepository node = new LeaseRepository(gdm.jdbc, "node-" + i, TTL);
                Callable<OptionalLong> attempt = () -> {
                    go.await();
                    return node.acquire("s1");
                };
                tries.add(pool.submit(attempt));
            }
            go.countDown();
            List<Long> won = new ArrayList<>();
            for (Future<OptionalLong> t : tries) {
                t.get().ifPresent(won::add);
            }
            assertThat(won).containsExactly(2L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSessionWithoutALeaseIsAcquiredAtEpochOneAndReleasedLeasesAreFreeAtOnce(String db) throws Exception {
        try (GdmTestDatabase gdm = GdmTestDatabase.of(db)) {
            LeaseRepository a = new LeaseRepository(gdm.jdbc, "node-a", Duration.ofSeconds(30));
            LeaseRepository b = new LeaseRepository(gdm.jdbc, "node-b", Duration.ofSeconds(30));
            assertThat(a.acquire("legacy")).isEqualTo(OptionalLong.of(1));
            assertThat(b.acquire("legacy")).isEmpty();
            assertThat(a.releaseAll()).isEqualTo(1); // orderly shutdown of a
            assertThat(b.acquire("legacy")).isEqualTo(OptionalLong.of(2));
            a.delete("legacy"); // not a's any more: nothing happens
            assertThat(b.lease("legacy")).isPresent();
            b.delete("legacy"); // the session ended
            assertThat(b.lease("legacy")).isEmpty();
        }
    }
}
