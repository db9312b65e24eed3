package org.wsz6.admin.install;

/**
 * An install that was refused. The message says what is wrong and what to do, in words for the
 * person who uploaded the zip; nothing of the attempt is left behind.
 */
public class InstallRefused extends RuntimeException {

    private final String report;

    public InstallRefused(String message) {
        this(message, null);
    }

    public InstallRefused(String message, String report) {
        super(message);
        this.report = report;
    }

    /** Details (a traceback, a validation report), or null. */
    public String report() {
        return report;
    }
}
