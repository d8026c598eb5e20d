package dev.agentry.conversation.connector;

/** An external tracker answered something other than success, or could not be reached. */
public class TrackerException extends RuntimeException {

    public TrackerException(String message) {
        super(message);
    }
}
