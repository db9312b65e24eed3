package org.wsz6.play.gamehost;

/**
 * A refusal or fault reported by the game host. {@code code} is one of the protocol's error codes
 * ({@code not_your_turn}, {@code bad_args}, {@code game_error}, ...) or a bridge-side code
 * ({@code worker_crashed}, {@code worker_timeout}, {@code worker_unavailable}).
 * {@code file}/{@code line} locate a fault inside game code when known.
 */
public class GameHostException extends RuntimeException {

    private final String code;
    private final String exceptionType;
    private final String file;
    private final Integer line;

    public GameHostException(String code, String message, String exceptionType, String file, Integer line) {
        super(message);
        this.code = code;
        this.exceptionType = exceptionType;
        this.file = file;
        this.line = line;
    }

    public GameHostException(String code, String message) {
        this(code, message, null, null, null);
    }

    public String code() { return code; }
    public String exceptionType() { return exceptionType; }
    public String file() { return file; }
    public Integer line() { return line; }

    /** True when the game state is certainly unchanged (every refusal and in-game fault). */
    public boolean isRefusal() {
        return !code.startsWith("worker_");
    }
}
