package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    /** A deadline that records when the watchdog saw it pass. */
    static final class Deadline implements Watchdog.Watched {
        volatile long at = Watchdog.NONE;
        final CountDownLatch missed = new CountDownLatch(1);
        volatile long missedAt;

        void arm(Duration within) {
            at = Watchdog.after(within);
            Watchdog.INSTANCE.add(this);
            Watchdog.INSTANCE.armed(at);
        }

        @Override
        public long deadline() {
            return at;
        }

        @Override
        public void deadlineMissed() {
            missedAt = Watchdog.now();
            at = Watchdog.NONE;
            Watchdog.INSTANCE.remove(this);
            missed.countDown();
        }
    }

    @Test
    void aShortDeadlineArmedWhileTheWatchdogSleepsForALongOneIsStillKeptOnTime() throws Exception {
        Deadline slow = new Deadline();
        Deadline quick = new Deadline();
        slow.arm(Duration.ofSeconds(30));
        Thread.sleep(50); // the watchdog now sleeps until the slow deadline
        quick.arm(Duration.ofMillis(200));
        long armedAt = Watchdog.now();

        assertThat(quick.missed.await(5, TimeUnit.SECONDS)).isTrue();
        long lateMs = (quick.missedAt - armedAt) / 1_000_000;
        assertThat(lateMs).isBetween(190L, 1500L);
        assertThat(slow.missed.getCount()).isEqualTo(1); // not yet due
        slow.at = Watchdog.NONE;
        Watchdog.INSTANCE.remove(slow);
    }

    @Test
    void aDeadlineClearedInTimeIsNeverMissed() throws Exception {
        Deadline d = new Deadline();
        d.arm(Duration.ofMillis(100));
        d.at = Watchdog.NONE; // the answer came
        assertThat(d.missed.await(400, TimeUnit.MILLISECONDS)).isFalse();
        Watchdog.INSTANCE.remove(d);
    }
}
