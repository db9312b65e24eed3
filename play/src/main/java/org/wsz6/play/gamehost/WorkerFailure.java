package org.wsz6.play.gamehost;

/**
 * A worker process that can no longer be used: it missed its deadline, exited, or broke the
 * protocol. Internal to the bridge; callers see a {@link GameHostException} with the same code.
 */
final class WorkerFailure extends Exception {

    static final String TIMEOUT = "worker_timeout";
    static final String CRASHED = "worker_crashed";
    static final String UNAVAILABLE = "worker_unavailable";

    private final String code;

    WorkerFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }

    GameHostException toGameHostException() {
        return new GameHostException(code, getMessage());
    }
}
