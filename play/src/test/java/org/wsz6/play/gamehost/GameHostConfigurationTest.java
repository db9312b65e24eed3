package org.wsz6.play.gamehost;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring wiring: properties reach the bridge, metrics are exported, shutdown leaves no process. */
@Timeout(60)
class GameHostConfigurationTest {

    @TempDir
    Path data;

    @Test
    void theBeanFollowsItsPropertiesAndClosingTheContextStopsEveryWorker() {
        long[] pid = new long[1];
        new ApplicationContextRunner()
                .withUserConfiguration(GameHostConfiguration.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("wsz6.root=" + RealWorker.root(), "wsz6.data-dir=" + data,
                        "wsz6.python=" + RealWorker.python(), "wsz6.gamehost.call-timeout-ms=1234",
                        "wsz6.gamehost.memory-mb=300", "wsz6.gamehost.playthroughs-per-worker=3")
                .run(context -> {
                    GameHost host = context.getBean(GameHost.class);
                    ProcessGameHost process = context.getBean(ProcessGameHost.class);
                    assertThat(process.settings().callTimeout().toMillis()).isEqualTo(1234);
                    assertThat(process.settings().memoryMb()).isEqualTo(300);
                    assertThat(process.settings().maxPlaythroughsPerWorker()).isEqualTo(3);
                    assertThat(process.settings().scratchDir()).isEqualTo(data.resolve("scratch").toAbsolutePath());

                    host.start(RealWorker.fixture("pebbles"), "spring", 1, Map.of(), "");
                    host.apply("spring", 0, 0, List.of(1));
                    pid[0] = process.workers().get(0).pid();
                    assertThat(ProcessHandle.of(pid[0])).isPresent();

                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("wsz6.gamehost.calls").functionCounter().count()).isEqualTo(2.0);
                    assertThat(meters.get("wsz6.gamehost.worker.starts").functionCounter().count()).isEqualTo(1.0);
                    assertThat(meters.get("wsz6.gamehost.playthroughs").gauge().value()).isEqualTo(1.0);
                });
        // The context is closed: no orphan Python (or bubblewrap) process is left.
        assertThat(ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(data.toString()))).isEmpty();
    }
}
