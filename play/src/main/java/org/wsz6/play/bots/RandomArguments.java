package org.wsz6.play.bots;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.wsz6.play.gamehost.StepResult;

/** Valid random values for an operator's parameters (inside their min/max). */
public final class RandomArguments {

    private RandomArguments() {
    }

    public static List<Object> forOperator(StepResult.OperatorView op) {
        List<Object> args = new ArrayList<>();
        if (op.params() == null) {
            return args;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (StepResult.ParamSpec p : op.params()) {
            String type = p.type() == null ? "str" : p.type();
            switch (type) {
                case "int" -> {
                    long min = p.min() == null ? 0 : (long) Math.ceil(p.min());
                    long max = p.max() == null ? Math.max(min, 10) : (long) Math.floor(p.max());
                    args.add(max <= min ? min : random.nextLong(min, max + 1));
                }
                case "float" -> {
                    double min = p.min() == null ? 0 : p.min();
                    double max = p.max() == null ? min + 1 : p.max();
                    args.add(max <= min ? min : random.nextDouble(min, max));
                }
                case "file_edit" -> args.add(p.initialText() == null ? "" : p.initialText());
                default -> args.add("bot" + random.nextInt(1000));
            }
        }
        return args;
    }
}
