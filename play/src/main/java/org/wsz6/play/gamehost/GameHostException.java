package org.wsz6.play.gamehost;

/**
 * A refusal or fault reported by the game host. {@code code} is one of the protocol's error codes
 * ({@code not_your_turn}, {@code bad_args}, {@code game_error}, ...) or a bridge-side code
 * ({@code worker_crashed}, {@code worker_timeout}, {@code worker_unavailable}, {@code worker_protocol}:
 * the worker answered something that does not fit the protocol).
 * {@code file}/{@code line} locate a fault inside game code when known; {@code traceback} is the
 * Python traceback for game authors (debug mode), never needed to understand the message.
 */
public class GameHostException extends RuntimeException {

    private final String code;
    private final String exceptionType;
    private final String file;
    private final Integer line;
    private final String traceback;

    public GameHostException(String code, String message, String exceptionType, String file, Integer line,
                             String traceback) {
        super(message);
        this.code = code;
        this.exceptionType = exceptionType;
        this.file = file;
        this.line = line;
        this.traceback = traceback;
    }

    public GameHostException(String code, String message, String exceptionType, String file, Integer line) {
        this(code, message, exceptionType, file, line, null);
    }

    public GameHostException(String code, String message) {
        this(code, message, null, null, null, null);
    }

    public String code() { return code; }
    public String exceptionType() { return exceptionType; }
    public String file() { return file; }
    public Integer line() { return line; }
    public String traceback() { return traceback; }

    /** True when the game state is certainly unchanged (every refusal and in-game fault). */
    public boolean isRefusal() {
        return !code.startsWith("worker_");
    }

    /** "code: message (ValueError at Game_SZ6.py:42)", for logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code).append(": ").append(getMessage());
        if (exceptionType != null || file != null) {
            sb.append(" (").append(exceptionType == null ? "" : exceptionType);
            if (file != null) {
                sb.append(exceptionType == null ? "" : " at ").append(file).append(line == null ? "" : ":" + line);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
