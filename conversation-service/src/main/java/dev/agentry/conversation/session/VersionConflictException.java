package dev.agentry.conversation.session;

import dev.agentry.common.error.ConflictException;

/** 409: the session is no longer at the version the caller sent; carries the current one. */
public class VersionConflictException extends ConflictException {

    private final long currentVersion;

    public VersionConflictException(long currentVersion) {
        super("version", "the session is at version " + currentVersion + "; re-read it and retry");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
