import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.wsz6.play.gamehost.*;

/**
 * Diagnostic (not a test): N virtual threads each play Tic-Tac-Toe play-throughs back to back
 * through ONE ProcessGameHost (no session actors, no GDM, no WebSockets), the mover always being
 * the role in currentRole. Separates the game-host bridge from the rest of the move path.
 *
 * Usage (after ./wsz6 bench load has built play):
 *   java -cp "play/target/classes:contract/target/classes:$(cat play/target/bench-classpath.txt)" \
 *        -Dlogback.configurationFile=bench/logback.xml bench/load/BridgeConcurrency.java $PWD THREADS SECONDS
 */
public class BridgeConcurrency {
    public static void main(String[] a) throws Exception {
        Path root = Path.of(a[0]);
        Path data = Files.createTempDirectory("bridge-conc");
        GameHostSettings settings = GameHostSettings.defaults(root, data).withPython("python3");
        Path game = root.resolve("games/TicTacToe");
        AtomicLong moves = new AtomicLong(), errors = new AtomicLong();
        try (ProcessGameHost host = new ProcessGameHost(settings)) {
            host.registerGame(game, Map.of(), false);
            List<Thread> ts = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.parseInt(a[2]));
            for (int t = 0; t < Integer.parseInt(a[1]); t++) {
                int n = t;
                ts.add(Thread.ofVirtual().start(() -> {
                    Random r = new Random(n);
                    int k = 0;
                    while (System.nanoTime() < end && errors.get() < 20) {
                        String pt = String.format("t%03dp%05dxxxxxx", n, k++);
                        try {
                            StepResult s = host.start(game, pt, r.nextLong(), Map.of("active_roles", List.of(0, 1)), "/x/");
                            while (!s.goal()) {
                                StepResult.RoleView v = s.viewFor(s.currentRole());
                                if (v == null || v.operators() == null || v.operators().isEmpty()) break;
                                int op = v.operators().get(r.nextInt(v.operators().size())).index();
                                s = host.apply(pt, s.currentRole(), op, List.of());
                                moves.incrementAndGet();
                            }
                        } catch (GameHostException e) {
                            if (errors.incrementAndGet() < 10) System.out.println(pt + " " + e.code() + ": " + e.getMessage());
                        } finally {
                            host.close(pt);
                        }
                    }
                }));
            }
            for (Thread t : ts) t.join();
            System.out.println("moves=" + moves + " errors=" + errors + " restores=" + host.stats().restores() + " starts=" + host.stats().starts());
        }
    }
}
