package org.wsz6.play.gamehost;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the one {@link GameHost} of WSZ6-play from {@code wsz6.*} properties. The bean is
 * closed with the application context, which stops every worker (no orphan Python processes).
 */
@Configuration(proxyBeanMethods = false)
public class GameHostConfiguration {

    @Bean(destroyMethod = "close")
    public ProcessGameHost gameHost(
            @Value("${wsz6.python:python3}") String python,
            @Value("${wsz6.root:.}") Path root,
            @Value("${wsz6.data-dir:./data}") Path dataDir,
            @Value("${wsz6.gamehost.call-timeout-ms:5000}") long callTimeoutMs,
            @Value("${wsz6.gamehost.memory-mb:#{null}}") Integer memoryMb,
            @Value("${wsz6.gamehost.playthroughs-per-worker:8}") int playthroughsPerWorker,
            @Value("${wsz6.gamehost.workers-per-game:16}") int workersPerGame,
            @Value("${wsz6.gamehost.idle-minutes:10}") long idleMinutes,
            @Value("${wsz6.gamehost.bwrap:true}") boolean bwrap,
            @Value("${wsz6.gamehost.answer-spin-us:1000}") long answerSpinMicros,
            ObjectProvider<MeterRegistry> meters) {
        GameHostSettings settings = new GameHostSettings(python, GameHostSettings.workerScriptIn(root.toAbsolutePath()),
                dataDir.resolve("scratch"), Duration.ofMillis(callTimeoutMs), memoryMb, playthroughsPerWorker,
                workersPerGame, Duration.ofMinutes(idleMinutes), bwrap, Duration.ofNanos(answerSpinMicros * 1000));
        ProcessGameHost host = new ProcessGameHost(settings);
        meters.ifAvailable(registry -> bindMetrics(host, registry));
        return host;
    }

    private static void bindMetrics(ProcessGameHost host, MeterRegistry registry) {
        GameHostStats s = host.stats();
        FunctionCounter.builder("wsz6.gamehost.calls", s, GameHostStats::calls)
                .description("calls answered by game-host workers").register(registry);
        FunctionCounter.builder("wsz6.gamehost.worker.failures", s, GameHostStats::failures)
                .description("calls that ended with the worker killed (timeout, crash, protocol break)").register(registry);
        FunctionCounter.builder("wsz6.gamehost.worker.starts", s, GameHostStats::starts)
                .description("worker processes started").register(registry);
        FunctionCounter.builder("wsz6.gamehost.worker.restarts", s, GameHostStats::restarts)
                .description("workers started to replace one that died").register(registry);
        FunctionCounter.builder("wsz6.gamehost.restores", s, GameHostStats::restores)
                .description("play-throughs rebuilt from their last snapshot").register(registry);
        Gauge.builder("wsz6.gamehost.playthroughs", host, ProcessGameHost::playthroughCount)
                .description("live play-throughs held by the game host").register(registry);
    }
}
